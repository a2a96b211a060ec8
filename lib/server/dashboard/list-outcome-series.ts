import "server-only";
import type { OutcomeSeries, OutcomeSeriesPoint, PublishMarker } from "@/lib/views/dashboard";
import { db } from "../db";

const DAY_MS = 24 * 60 * 60 * 1000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Sends and replies per UTC day and version of one sequence over the last `days` days, from the
 * outcome counters (index (sequence_id, day)), with each version's publish time for the chart's
 * markers: one query, every version of the sequence left-joined to its summed counter rows.
 */
export async function listOutcomeSeries(options: {
  sequenceId: string;
  days?: number;
  now?: Date;
}): Promise<OutcomeSeries> {
  const now = options.now ?? new Date();
  const to = isoDay(now);
  const from = isoDay(new Date(now.getTime() - ((options.days ?? 30) - 1) * DAY_MS));
  const rows = await db().$queryRaw<
    { id: string; number: number; published_at: Date; day: Date | null; sent: bigint | null; replied: bigint | null }[]
  >`
    SELECT v.id, v.number, v.published_at, c.day, c.sent, c.replied
    FROM sequence_versions v
    LEFT JOIN (
      SELECT sequence_version_id, day,
             coalesce(sum(count) FILTER (WHERE metric = 'sent'), 0)::bigint AS sent,
             coalesce(sum(count) FILTER (WHERE metric = 'replied'), 0)::bigint AS replied
      FROM outcome_counts
      WHERE sequence_id = ${options.sequenceId}::uuid AND day BETWEEN ${from}::date AND ${to}::date
        AND metric IN ('sent', 'replied')
      GROUP BY sequence_version_id, day
    ) c ON c.sequence_version_id = v.id
    WHERE v.sequence_id = ${options.sequenceId}::uuid
    ORDER BY v.number, c.day`;
  const points: OutcomeSeriesPoint[] = [];
  const publishes = new Map<string, PublishMarker>();
  for (const r of rows) {
    if (!publishes.has(r.id))
      publishes.set(r.id, {
        versionId: r.id,
        versionNumber: r.number,
        day: isoDay(r.published_at),
        at: r.published_at,
      });
    if (r.day)
      points.push({
        day: isoDay(r.day),
        versionId: r.id,
        versionNumber: r.number,
        sent: Number(r.sent ?? 0),
        replied: Number(r.replied ?? 0),
      });
  }
  return { points, publishes: [...publishes.values()], from, to };
}
