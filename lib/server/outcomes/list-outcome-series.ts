import "server-only";
import type { OutcomeMetric } from "@/lib/domain/outcome-metrics";
import type { OutcomeSeriesPoint } from "@/lib/views/outcomes";
import { db } from "../db";

/**
 * Daily series for charts: each metric's count per UTC day and version of a sequence, between
 * `fromDay` and `toDay` inclusive ("YYYY-MM-DD"), summed over steps. Days without a count are
 * absent (the chart fills zeros). Reads outcome_counts through its (sequence_id, day) index.
 * A migration undo can make a day's migrated_in/out or completed/exited negative (it takes back
 * what the migration counted, on the day of the undo).
 */
export async function listOutcomeSeries(
  sequenceId: string,
  metrics: readonly OutcomeMetric[],
  fromDay: string,
  toDay: string,
): Promise<OutcomeSeriesPoint[]> {
  const rows = await db().$queryRaw<
    { day: string; version_id: string; number: number; metric: string; total: bigint }[]
  >`
    SELECT to_char(oc.day, 'YYYY-MM-DD') AS day, oc.sequence_version_id AS version_id, v.number, oc.metric,
           sum(oc.count)::bigint AS total
    FROM outcome_counts oc JOIN sequence_versions v ON v.id = oc.sequence_version_id
    WHERE oc.sequence_id = ${sequenceId}::uuid AND oc.day BETWEEN ${fromDay}::date AND ${toDay}::date
      AND oc.metric = ANY(${[...metrics]}::text[])
    GROUP BY oc.day, oc.sequence_version_id, v.number, oc.metric
    ORDER BY oc.day, v.number, oc.metric`;
  return rows.map((r) => ({
    day: r.day,
    versionId: r.version_id,
    versionNumber: r.number,
    metric: r.metric,
    count: Number(r.total),
  }));
}
