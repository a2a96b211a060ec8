import "server-only";
import { transition, type MigrationOutcome } from "@/lib/domain/enrollment-machine";
import { describeSelection, planMove, type MigrationSelection, type StepMap } from "@/lib/domain/migration-plan";
import { lockMigrationBatch, stateOf, type LockedEnrollment } from "@/lib/store/claim";
import { insertEvents, type NewEvent } from "@/lib/store/events";
import { saveStates, type StateSave } from "@/lib/store/save-state";
import { prismaSql } from "@/lib/store/sql";
import { IN_FLIGHT_STATUSES } from "@/lib/domain/enrollment-status";
import { writeAudit } from "../audit";
import { db, type Tx } from "../db";
import { DomainError } from "../errors";
import {
  assertValidStepMap,
  loadMigrationVersions,
  lockMigration,
  parseCounts,
  parseStoredPlan,
  selectionCondition,
  type MigrationCounts,
  type MigrationVersions,
} from "./migration-rows";

export const MIGRATION_BATCH = 500;
const TX_OPTIONS = { timeout: 120_000, maxWait: 30_000 };

export type StartedMigration = { migrationId: string; total: number };
export type ApplyProgress = {
  migrationId: string;
  sequenceId: string;
  status: "applying" | "applied" | "undone";
  counts: MigrationCounts;
  done: boolean;
};

/**
 * Records the operator's intent (versions, step map, selection) in status "applying". Nothing
 * moves yet: applyMigration does that in batches and can be called again to resume.
 */
export async function startMigration(options: {
  actorId: string;
  sequenceId: string;
  fromVersionId: string;
  toVersionId: string;
  stepMap: StepMap;
  selection: MigrationSelection;
  /** When the operator started it (demo history with an injected clock); the database's now() otherwise. */
  now?: Date;
}): Promise<StartedMigration> {
  return db().$transaction(async (tx) => {
    const versions = await loadMigrationVersions(tx, options);
    assertValidStepMap(versions, options.stepMap);
    const [count] = await tx.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM enrollments e
      WHERE e.sequence_id = ${options.sequenceId}::uuid AND e.sequence_version_id = ${options.fromVersionId}::uuid
        AND e.status = ANY(${[...IN_FLIGHT_STATUSES]}::"EnrollmentStatus"[]) AND ${selectionCondition(options.selection)}`;
    const total = Number(count?.n ?? 0);
    if (total === 0)
      throw new DomainError(
        `No enrollments on v${versions.from.number} match ${describeSelection(options.selection)}: nothing to move.`,
        "conflict",
      );
    const created = await tx.enrollmentMigration.create({
      data: {
        sequenceId: options.sequenceId,
        fromVersionId: versions.from.id,
        toVersionId: versions.to.id,
        stepMap: options.stepMap,
        selection: options.selection,
        status: "applying",
        counts: { total, moved: 0, exited: 0, completed: 0, undone: 0, kept: 0 },
        createdById: options.actorId,
        createdAt: options.now,
      },
      select: { id: true },
    });
    return { migrationId: created.id, total };
  });
}

/**
 * Moves the selected enrollments still on A, MIGRATION_BATCH at a time, each batch one
 * transaction. Rows are locked FOR UPDATE and re-planned from their state at that moment (the
 * runner may have advanced them since the dry run). Stops after `maxBatches` so callers can show
 * progress; the call that finds nothing left marks the migration applied and writes the audit row.
 */
export async function applyMigration(options: {
  actorId: string;
  migrationId: string;
  maxBatches?: number;
  batchSize?: number;
  now?: Date;
}): Promise<ApplyProgress> {
  const maxBatches = Math.max(1, options.maxBatches ?? Number.POSITIVE_INFINITY);
  let batches = 0;
  for (;;) {
    const progress = await db().$transaction((tx) => applyBatch(tx, options), TX_OPTIONS);
    batches += 1;
    if (progress.done || batches >= maxBatches) return progress;
  }
}

type Change = { row: LockedEnrollment; outcome: MigrationOutcome; save: StateSave; fromStepKey: string | null };

async function applyBatch(
  tx: Tx,
  options: { actorId: string; migrationId: string; batchSize?: number; now?: Date },
): Promise<ApplyProgress> {
  const now = options.now ?? new Date();
  const migration = await lockMigration(tx, options.migrationId);
  const counts = parseCounts(migration.counts);
  const result = (status: ApplyProgress["status"], done: boolean): ApplyProgress => ({
    migrationId: migration.id,
    sequenceId: migration.sequence_id,
    status,
    counts,
    done,
  });
  if (migration.status !== "applying") return result(migration.status, true);

  const { stepMap, selection } = parseStoredPlan({ stepMap: migration.step_map, selection: migration.selection });
  const versions = await loadMigrationVersions(tx, {
    sequenceId: migration.sequence_id,
    fromVersionId: migration.from_version_id,
    toVersionId: migration.to_version_id,
  });
  // Candidates by the operator's selection; the store locks them and re-checks them after the lock.
  const candidates = await tx.$queryRaw<{ id: string }[]>`
    SELECT e.id FROM enrollments e
    WHERE e.sequence_id = ${migration.sequence_id}::uuid AND e.sequence_version_id = ${migration.from_version_id}::uuid
      AND e.status = ANY(${[...IN_FLIGHT_STATUSES]}::"EnrollmentStatus"[]) AND ${selectionCondition(selection)}
      AND NOT EXISTS (SELECT 1 FROM enrollment_migration_items i WHERE i.migration_id = ${migration.id}::uuid AND i.enrollment_id = e.id)
    ORDER BY e.id
    LIMIT ${options.batchSize ?? MIGRATION_BATCH}`;

  // Done only when a batch finds nobody: a short batch may just mean the runner changed rows under us.
  if (candidates.length === 0) {
    await tx.enrollmentMigration.update({ where: { id: migration.id }, data: { status: "applied", appliedAt: now } });
    await writeAudit(tx, {
      actorId: options.actorId,
      action: "sequence.migrate",
      entityType: "sequence",
      entityId: migration.sequence_id,
      summary: `Moved ${counts.moved + counts.exited + counts.completed} enrollment(s) of "${versions.sequenceName}" from v${versions.from.number} to v${versions.to.number}`,
      detail: {
        migrationId: migration.id,
        fromVersionId: versions.from.id,
        toVersionId: versions.to.id,
        stepMap,
        selection,
        counts,
      },
    });
    return result("applied", true);
  }

  const sql = prismaSql(tx);
  const rows = await lockMigrationBatch(sql, {
    candidateIds: candidates.map((c) => c.id),
    fromVersionId: migration.from_version_id,
    migrationId: migration.id,
    stepKeys: selection.kind === "steps" ? selection.stepKeys : null,
  });
  const changes = rows.map((row) => planChange(versions, stepMap, row));
  await writeChanges(tx, { migrationId: migration.id, versions, changes, now });
  for (const change of changes) counts[change.outcome] += 1;
  await tx.enrollmentMigration.update({ where: { id: migration.id }, data: { counts } });
  return result("applying", false);
}

/** The state machine decides where the row lands (step, status, schedule, pass) from the plan. */
function planChange(versions: MigrationVersions, map: StepMap, row: LockedEnrollment): Change {
  const fromStepKey = versions.from.steps[row.current_step_index]?.key ?? null;
  const plan = planMove(versions.from.steps, versions.to.steps, map, {
    stepIndex: row.current_step_index,
    stepKey: fromStepKey,
  });
  const moved = transition(stateOf(row), {
    type: "migrate",
    plan,
    targetStepCount: versions.to.steps.length,
    pass: row.pass,
  });
  if (!moved.ok) throw new Error(moved.error);
  const effect = moved.effects.find((e) => e.type === "migrated");
  if (effect?.type !== "migrated") throw new Error("A migration must report its outcome");
  // An exit leaves the contact where it stood on A: it never got anything from B.
  const version = effect.outcome === "exited" ? versions.from : versions.to;
  const stepKey = version.steps[moved.state.stepIndex]?.key ?? null;
  return {
    row,
    outcome: effect.outcome,
    fromStepKey,
    save: { id: row.id, versionId: version.id, pass: effect.pass, stepKey, state: moved.state },
  };
}

async function writeChanges(
  tx: Tx,
  options: { migrationId: string; versions: MigrationVersions; changes: Change[]; now: Date },
): Promise<void> {
  const { changes, versions, migrationId, now } = options;
  if (changes.length === 0) return;
  const sql = prismaSql(tx);
  await saveStates(
    sql,
    changes.map((c) => c.save),
    now,
  );

  const ids = changes.map((c) => c.row.id);
  const outcomes = changes.map((c) => c.outcome);
  await tx.$executeRaw`
    INSERT INTO enrollment_migration_items (migration_id, enrollment_id, prior_version_id, prior_step_key, prior_step_index, prior_next_run_at, prior_status, prior_pass, outcome)
    SELECT ${migrationId}::uuid, u.id, ${versions.from.id}::uuid, u.step_key, u.step_index, u.next_run_at::timestamptz, u.status::"EnrollmentStatus", u.pass, u.outcome
    FROM unnest(${ids}::uuid[], ${changes.map((c) => c.row.current_step_key)}::text[], ${changes.map((c) => c.row.current_step_index)}::int[],
                ${changes.map((c) => c.row.next_run_at?.toISOString() ?? null)}::text[], ${changes.map((c) => c.row.status)}::text[],
                ${changes.map((c) => c.row.pass)}::int[], ${outcomes}::text[])
      AS u(id, step_key, step_index, next_run_at, status, pass, outcome)`;

  const detailBase = {
    migrationId,
    fromVersion: versions.from.number,
    toVersion: versions.to.number,
    fromVersionId: versions.from.id,
    toVersionId: versions.to.id,
  };
  const events: NewEvent[] = [];
  for (const c of changes) {
    const at = {
      enrollmentId: c.row.id,
      versionId: c.save.versionId,
      stepKey: c.save.stepKey,
      stepIndex: c.save.state.stepIndex,
    };
    events.push({
      ...at,
      type: "migrated",
      detail: { ...detailBase, fromStepKey: c.fromStepKey, toStepKey: c.save.stepKey, outcome: c.outcome },
    });
  }
  // Exits and completions also get their usual timeline row, so the enrollment page reads naturally.
  for (const c of changes) {
    if (c.outcome === "moved") continue;
    events.push({
      enrollmentId: c.row.id,
      versionId: c.save.versionId,
      stepKey: c.save.stepKey,
      stepIndex: c.save.state.stepIndex,
      type: c.outcome,
      detail: { reason: "migration", migrationId },
    });
  }
  await insertEvents(sql, events, now);
}
