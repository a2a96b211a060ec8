import "server-only";
import type { VersionFunnel } from "@/lib/views/dashboard";
import { db } from "../db";

/**
 * The stages the funnel chart shows, in order, each with the denominator of its rate: opens and
 * clicks are per message sent (first open / first click of a message), replies per contact enrolled.
 */
const STAGES = [
  { metric: "enrolled", label: "Enrolled", rateOf: null },
  { metric: "sent", label: "Sent", rateOf: null },
  { metric: "opened_unique", label: "Opened", rateOf: "sent" },
  { metric: "clicked_unique", label: "Clicked", rateOf: "sent" },
  { metric: "replied", label: "Replied", rateOf: "enrolled" },
] as const;

/** Each version's totals for the funnel stages (all steps, all days), from the outcome counters: one grouped query. */
export async function listVersionFunnels(options: { sequenceId: string }): Promise<VersionFunnel[]> {
  const rows = await db().$queryRaw<{ id: string; number: number; metric: string | null; n: bigint | null }[]>`
    SELECT v.id, v.number, c.metric, c.n
    FROM sequence_versions v
    LEFT JOIN (
      SELECT sequence_version_id, metric, sum(count)::bigint AS n
      FROM outcome_counts
      WHERE sequence_id = ${options.sequenceId}::uuid AND metric = ANY(${STAGES.map((s) => s.metric)}::text[])
      GROUP BY sequence_version_id, metric
    ) c ON c.sequence_version_id = v.id
    WHERE v.sequence_id = ${options.sequenceId}::uuid
    ORDER BY v.number`;
  const funnels = new Map<string, VersionFunnel>();
  for (const r of rows) {
    const funnel = funnels.get(r.id) ?? {
      versionId: r.id,
      versionNumber: r.number,
      stages: STAGES.map((s) => ({ metric: s.metric, label: s.label, count: 0, rateOf: s.rateOf })),
    };
    funnels.set(r.id, funnel);
    const stage = funnel.stages.find((s) => s.metric === r.metric);
    if (stage) stage.count = Number(r.n ?? 0);
  }
  return [...funnels.values()];
}
