import "server-only";
import { IN_FLIGHT_STATUSES } from "@/lib/domain/enrollment-status";
import { versionContentSchema } from "@/lib/domain/steps";
import type { SequenceOutcomesView, StepOutcomeView, VersionOutcomeView } from "@/lib/views/outcomes";
import { db } from "../db";
import { ratesOf } from "./outcome-rates";

/**
 * The per-version funnel of a sequence and per step of each version, from outcome_counts (a sum
 * over a few rows per version and step; never a scan of the timeline) plus, unless `inFlight` is
 * false, the live in-flight count from enrollments (index enrollments(sequence_id,
 * sequence_version_id, status)). That count reads every in-flight entry of the sequence, so its
 * cost grows with the sequence (about 10x from a 50,000 to a 500,000-enrollment sequence); the
 * compare page shows no in-flight figure and skips it. Versions newest first. `versionIds` limits
 * it (the compare page asks for two).
 */
export async function getSequenceOutcomes(
  sequenceId: string,
  options: { versionIds?: readonly string[]; inFlight?: boolean } = {},
): Promise<SequenceOutcomesView> {
  const ids = options.versionIds ? [...options.versionIds] : null;
  const countInFlight = options.inFlight ?? true;
  const [sequence, versions, counts, inFlight] = await Promise.all([
    db().sequence.findUnique({ where: { id: sequenceId }, select: { activeVersionId: true } }),
    db().sequenceVersion.findMany({
      where: { sequenceId, ...(ids ? { id: { in: ids } } : {}) },
      select: { id: true, number: true, publishedAt: true, content: true },
      orderBy: { number: "desc" },
    }),
    db().$queryRaw<{ version_id: string; step_key: string; metric: string; total: bigint }[]>`
      SELECT sequence_version_id AS version_id, step_key, metric, sum(count)::bigint AS total
      FROM outcome_counts
      WHERE sequence_id = ${sequenceId}::uuid AND (${ids}::uuid[] IS NULL OR sequence_version_id = ANY(${ids}::uuid[]))
      GROUP BY 1, 2, 3`,
    countInFlight
      ? db().enrollment.groupBy({
          by: ["sequenceVersionId"],
          where: {
            sequenceId,
            status: { in: [...IN_FLIGHT_STATUSES] },
            ...(ids ? { sequenceVersionId: { in: ids } } : {}),
          },
          _count: { _all: true },
        })
      : null,
  ]);

  const byVersion = new Map<string, Map<string, Record<string, number>>>();
  for (const row of counts) {
    const steps = byVersion.get(row.version_id) ?? new Map<string, Record<string, number>>();
    byVersion.set(row.version_id, steps);
    const bag = steps.get(row.step_key) ?? {};
    steps.set(row.step_key, bag);
    bag[row.metric] = (bag[row.metric] ?? 0) + Number(row.total);
  }
  const live = inFlight ? new Map(inFlight.map((r) => [r.sequenceVersionId, r._count._all])) : null;

  const views: VersionOutcomeView[] = versions.map((version) => {
    const parsed = versionContentSchema.safeParse(version.content);
    const stepsOfVersion = parsed.success ? parsed.data.steps : [];
    const stepCounts = byVersion.get(version.id) ?? new Map<string, Record<string, number>>();
    // Version totals: enrollment-level metrics plus every step's metrics summed.
    const totals: Record<string, number> = {};
    for (const bag of stepCounts.values())
      for (const [metric, value] of Object.entries(bag)) totals[metric] = (totals[metric] ?? 0) + value;
    const exitedByReason = Object.entries(totals)
      .filter(([metric]) => metric.startsWith("exited:"))
      .map(([metric, count]) => ({ reason: metric.slice("exited:".length), count }))
      .filter((r) => r.count !== 0)
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
    const steps: StepOutcomeView[] = stepsOfVersion.map((step, index) => {
      const bag = stepCounts.get(step.key) ?? {};
      return { key: step.key, index, step, counts: bag, rates: ratesOf(bag) };
    });
    return {
      versionId: version.id,
      number: version.number,
      publishedAt: version.publishedAt,
      isActive: sequence?.activeVersionId === version.id,
      inFlight: live ? (live.get(version.id) ?? 0) : null,
      counts: totals,
      exitedByReason,
      rates: ratesOf(totals),
      steps,
    };
  });
  return { sequenceId, versions: views };
}
