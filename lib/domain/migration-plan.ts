import { z } from "zod";
import { planMove, type MovePlan, type Position, type RemovedStepChoice, type StepMap } from "./migration-step-map";
import { stepKeySchema, type Step } from "./steps";

// The zod-free half (step maps and where an enrollment lands) lives in migration-step-map.ts so
// the migration wizard does not load zod; everything is re-exported from here.
export {
  defaultStepMap,
  planMove,
  removedKeys,
  validateStepMap,
  type MovePlan,
  type Position,
  type RemovedStepChoice,
  type StepMap,
  type StepMapError,
} from "./migration-step-map";

/**
 * Planning an operator's move of in-flight enrollments from version A to version B of one
 * sequence. Steps align by key: a key present in both versions maps to itself, and for every key
 * of A missing from B the operator picks what happens to contacts standing on it.
 */

export const removedStepChoiceSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("next") }),
  z.object({ kind: z.literal("goto"), key: stepKeySchema }),
  z.object({ kind: z.literal("exit") }),
]);

/** Only A's keys that B lacks appear here; keys in both versions map to themselves. */
export const stepMapSchema = z.record(stepKeySchema, removedStepChoiceSchema);

// The schemas' outputs are exactly the plain types of migration-step-map.ts (checked here).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _sameChoice: Same<z.output<typeof removedStepChoiceSchema>, RemovedStepChoice> = true;
const _sameMap: Same<z.output<typeof stepMapSchema>, StepMap> = true;
void _sameChoice;
void _sameMap;

/**
 * Steps the contact already went through on A (before its position) that it would meet again on
 * B from the landing on: a step moved later in B, or a goto that points backwards. The pass bump
 * allows it, so the operator must see it before applying.
 */
export function stepsRunAgain(
  aSteps: readonly Step[],
  bSteps: readonly Step[],
  position: Position,
  plan: MovePlan,
): string[] {
  if (plan.kind !== "move") return [];
  const done = new Set(aSteps.slice(0, Math.max(0, position.stepIndex)).map((s) => s.key));
  return bSteps
    .slice(plan.toIndex)
    .filter((s) => done.has(s.key))
    .map((s) => s.key);
}

export type StepCount = { stepIndex: number; stepKey: string | null; count: number };

export type PlanRow = {
  from: { index: number; key: string | null; step: Step | null };
  landing: MovePlan;
  /** B's step the contact lands on, when it lands on one. */
  toStep: Step | null;
  /** A's step is gone from B, so the step map decided the landing. */
  removed: boolean;
  rerun: string[];
  count: number;
};

export type PlanSummary = {
  rows: PlanRow[];
  total: number;
  moved: number;
  exited: number;
  completed: number;
  rerunning: number;
};

/** One row per current step of A: where its enrollments land in B and how many there are. */
export function summarizePlan(
  countsByAStep: readonly StepCount[],
  aSteps: readonly Step[],
  bSteps: readonly Step[],
  map: StepMap,
): PlanSummary {
  const inB = new Set(bSteps.map((s) => s.key));
  const byIndex = new Map<number, StepCount>();
  for (const row of countsByAStep) {
    // Everything past A's end is one position; merge so it shows once.
    const index = Math.min(row.stepIndex, aSteps.length);
    const prior = byIndex.get(index);
    byIndex.set(index, {
      stepIndex: index,
      stepKey: aSteps[index]?.key ?? null,
      count: (prior?.count ?? 0) + row.count,
    });
  }
  const summary: PlanSummary = { rows: [], total: 0, moved: 0, exited: 0, completed: 0, rerunning: 0 };
  for (const row of [...byIndex.values()].sort((x, y) => x.stepIndex - y.stepIndex)) {
    if (row.count === 0) continue;
    const position = { stepIndex: row.stepIndex, stepKey: row.stepKey };
    const landing = planMove(aSteps, bSteps, map, position);
    const step = aSteps[row.stepIndex] ?? null;
    const rerun = stepsRunAgain(aSteps, bSteps, position, landing);
    summary.rows.push({
      from: { index: row.stepIndex, key: step?.key ?? null, step },
      landing,
      toStep: landing.kind === "move" ? (bSteps[landing.toIndex] ?? null) : null,
      removed: step !== null && !inB.has(step.key),
      rerun,
      count: row.count,
    });
    summary.total += row.count;
    if (landing.kind === "move") summary.moved += row.count;
    else if (landing.kind === "exit") summary.exited += row.count;
    else summary.completed += row.count;
    if (rerun.length > 0) summary.rerunning += row.count;
  }
  return summary;
}

/** Which in-flight enrollments of A a migration takes. Canary = a deterministic sample keyed by `seed`. */
export const migrationSelectionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("all") }),
  z.object({
    kind: z.literal("steps"),
    stepKeys: z.array(z.string().max(64)).min(1, "Choose at least one step").max(500),
  }),
  z.object({
    kind: z.literal("canary"),
    percent: z.number().gt(0, "Percent must be above 0").max(100, "Percent must be at most 100"),
    seed: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Invalid canary seed"),
  }),
]);
export type MigrationSelection = z.output<typeof migrationSelectionSchema>;

/** Where the canary sample cuts the 32-bit hash space: hash < threshold is in the sample. */
export function canaryThreshold(percent: number): number {
  return Math.round((Math.min(100, Math.max(0, percent)) / 100) * 2 ** 32);
}

export function describeSelection(selection: MigrationSelection): string {
  switch (selection.kind) {
    case "all":
      return "all active and paused enrollments";
    case "steps":
      return `enrollments at ${selection.stepKeys.length === 1 ? "step" : "steps"} ${selection.stepKeys.join(", ")}`;
    case "canary":
      return `a ${selection.percent}% canary sample`;
    default: {
      const _exhaustive: never = selection;
      return String(_exhaustive);
    }
  }
}
