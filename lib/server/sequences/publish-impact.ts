import "server-only";
import type { Step } from "@/lib/domain/steps";
import { db } from "../db";
import { countInFlightByStep } from "./count-in-flight-by-step";
import { parseVersionContent } from "./sequence-rows";

/**
 * `stepIndex` is the next step to run; a contact whose previous step is a wait is still inside
 * that wait (the runner moves the index past a wait when it starts it), and one whose previous
 * step is a task waits for the task: `waitingIn` names that step, so the dialog says where the
 * contact actually is.
 */
export type ImpactStep = {
  stepIndex: number;
  stepKey: string | null;
  step: Step | null;
  count: number;
  waitingIn: { stepIndex: number; step: Step } | null;
};
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
    const previous = row.stepIndex > 0 ? steps[row.stepIndex - 1] : undefined;
    const waitingIn =
      previous && (previous.type === "wait" || previous.type === "task")
        ? { stepIndex: row.stepIndex - 1, step: previous }
        : null;
    impact.steps.push({ stepIndex: row.stepIndex, stepKey: row.stepKey, step, count: row.count, waitingIn });
    byVersion.set(row.versionNumber, impact);
  }
  return [...byVersion.values()].sort((a, b) => b.versionNumber - a.versionNumber);
}
