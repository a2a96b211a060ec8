import "server-only";
import { summarizePlan, type MigrationSelection, type PlanSummary, type StepMap } from "@/lib/domain/migration-plan";
import { IN_FLIGHT_STATUSES } from "@/lib/domain/enrollment-status";
import { db } from "../db";
import { assertValidStepMap, loadMigrationVersions, selectionCondition } from "./migration-rows";

export type MigrationPlan = PlanSummary & {
  from: { id: string; number: number };
  to: { id: string; number: number };
  /** Everything in flight on A, whether selected or not, for "N of M". */
  inFlightOnFrom: number;
  selection: MigrationSelection;
};

/**
 * The dry run: how many selected enrollments stand at each step of A and where each group lands
 * in B. Reads only; the apply re-plans every enrollment from its state at that moment.
 */
export async function planMigration(options: {
  sequenceId: string;
  fromVersionId: string;
  toVersionId: string;
  stepMap: StepMap;
  selection: MigrationSelection;
}): Promise<MigrationPlan> {
  const versions = await loadMigrationVersions(db(), options);
  assertValidStepMap(versions, options.stepMap);
  const rows = await db().$queryRaw<
    { step_index: number; step_key: string | null; selected: bigint; in_flight: bigint }[]
  >`
    SELECT e.current_step_index AS step_index, min(e.current_step_key) AS step_key,
           count(*) FILTER (WHERE ${selectionCondition(options.selection)}) AS selected,
           count(*) AS in_flight
    FROM enrollments e
    WHERE e.sequence_id = ${options.sequenceId}::uuid AND e.sequence_version_id = ${options.fromVersionId}::uuid
      AND e.status = ANY(${[...IN_FLIGHT_STATUSES]}::"EnrollmentStatus"[])
    GROUP BY e.current_step_index`;
  const summary = summarizePlan(
    rows.map((r) => ({ stepIndex: r.step_index, stepKey: r.step_key, count: Number(r.selected) })),
    versions.from.steps,
    versions.to.steps,
    options.stepMap,
  );
  return {
    ...summary,
    from: { id: versions.from.id, number: versions.from.number },
    to: { id: versions.to.id, number: versions.to.number },
    inFlightOnFrom: rows.reduce((sum, r) => sum + Number(r.in_flight), 0),
    selection: options.selection,
  };
}
