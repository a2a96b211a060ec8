import "server-only";
import type { VersionFunnel } from "@/lib/views/dashboard";
import { db } from "../db";

/** The stages the funnel chart shows, in order; the first is every later stage's denominator. */
const STAGES = [
  { metric: "enrolled", label: "Enrolled" },
  { metric: "sent", label: "Sent" },
  { metric: "opened_unique", label: "Opened" },
  { metric: "clicked_unique", label: "Clicked" },
  { metric: "replied", label: "Replied" },
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
      stages: STAGES.map((s) => ({ metric: s.metric, label: s.label, count: 0 })),
    };
    funnels.set(r.id, funnel);
    const stage = funnel.stages.find((s) => s.metric === r.metric);
    if (stage) stage.count = Number(r.n ?? 0);
  }
  return [...funnels.values()];
}
