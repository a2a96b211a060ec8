import "server-only";
import type { Step } from "@/lib/domain/steps";
import { db } from "../db";
import { countInFlightByStep } from "./count-in-flight-by-step";
import { parseVersionContent } from "./sequence-rows";

export type ImpactStep = { stepIndex: number; stepKey: string | null; step: Step | null; count: number };
export type VersionImpact = { versionNumber: number; total: number; steps: ImpactStep[] };

/**
 * Who is in flight on which version and step, with each step resolved from that contact's pinned
 * version (not the draft), so the dialog can say exactly where they are and that they stay there.
 */
export async function publishImpact(sequenceId: string): Promise<VersionImpact[]> {
  const rows = await countInFlightByStep(sequenceId);
  const numbers = [...new Set(rows.map((r) => r.versionNumber))];
  if (numbers.length === 0) return [];
  const versions = await db().sequenceVersion.findMany({
    where: { sequenceId, number: { in: numbers } },
    select: { number: true, content: true },
  });
  const stepsByNumber = new Map(versions.map((v) => [v.number, parseVersionContent(v.content).steps]));

  const byVersion = new Map<number, VersionImpact>();
  for (const row of rows) {
    const impact = byVersion.get(row.versionNumber) ?? { versionNumber: row.versionNumber, total: 0, steps: [] };
    const steps = stepsByNumber.get(row.versionNumber) ?? [];
    const step = (row.stepKey ? steps.find((s) => s.key === row.stepKey) : steps[row.stepIndex]) ?? null;
    impact.total += row.count;
    impact.steps.push({ stepIndex: row.stepIndex, stepKey: row.stepKey, step, count: row.count });
    byVersion.set(row.versionNumber, impact);
  }
  return [...byVersion.values()].sort((a, b) => b.versionNumber - a.versionNumber);
}
