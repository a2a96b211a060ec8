import "server-only";
import { describeSelection, planMove, type MigrationSelection, type StepMap } from "@/lib/domain/migration-plan";
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
export type ApplyProgress = { migrationId: string; sequenceId: string; status: "applying" | "applied" | "undone"; counts: MigrationCounts; done: boolean };

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
}): Promise<StartedMigration> {
  return db().$transaction(async (tx) => {
    const versions = await loadMigrationVersions(tx, options);
    assertValidStepMap(versions, options.stepMap);
    const [count] = await tx.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM enrollments e
      WHERE e.sequence_id = ${options.sequenceId}::uuid AND e.sequence_version_id = ${options.fromVersionId}::uuid
        AND e.status IN ('active', 'paused') AND ${selectionCondition(options.selection)}`;
    const total = Number(count?.n ?? 0);
    if (total === 0) throw new DomainError(`No enrollments on v${versions.from.number} match ${describeSelection(options.selection)}: nothing to move.`, "conflict");
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
export async function applyMigration(options: { actorId: string; migrationId: string; maxBatches?: number; batchSize?: number; now?: Date }): Promise<ApplyProgress> {
  const maxBatches = Math.max(1, options.maxBatches ?? Number.POSITIVE_INFINITY);
  let batches = 0;
  for (;;) {
    const progress = await db().$transaction((tx) => applyBatch(tx, options), TX_OPTIONS);
    batches += 1;
    if (progress.done || batches >= maxBatches) return progress;
  }
}

type EnrollmentRow = { id: string; current_step_index: number; current_step_key: string | null; next_run_at: Date | null; status: "active" | "paused"; pass: number };

type Change = {
  id: string;
  outcome: "moved" | "exited" | "completed";
  versionId: string;
  stepIndex: number;
  stepKey: string | null;
  fromStepKey: string | null;
  prior: EnrollmentRow;
};

async function applyBatch(tx: Tx, options: { actorId: string; migrationId: string; batchSize?: number; now?: Date }): Promise<ApplyProgress> {
  const now = options.now ?? new Date();
  const migration = await lockMigration(tx, options.migrationId);
  const counts = parseCounts(migration.counts);
  const result = (status: ApplyProgress["status"], done: boolean): ApplyProgress => ({ migrationId: migration.id, sequenceId: migration.sequence_id, status, counts, done });
  if (migration.status !== "applying") return result(migration.status, true);

  const { stepMap, selection } = parseStoredPlan({ stepMap: migration.step_map, selection: migration.selection });
  const versions = await loadMigrationVersions(tx, { sequenceId: migration.sequence_id, fromVersionId: migration.from_version_id, toVersionId: migration.to_version_id });
  const rows = await tx.$queryRaw<EnrollmentRow[]>`
    SELECT e.id, e.current_step_index, e.current_step_key, e.next_run_at, e.status::text AS status, e.pass
    FROM enrollments e
    WHERE e.sequence_id = ${migration.sequence_id}::uuid AND e.sequence_version_id = ${migration.from_version_id}::uuid
      AND e.status IN ('active', 'paused') AND ${selectionCondition(selection)}
      AND NOT EXISTS (SELECT 1 FROM enrollment_migration_items i WHERE i.migration_id = ${migration.id}::uuid AND i.enrollment_id = e.id)
    ORDER BY e.id
    LIMIT ${options.batchSize ?? MIGRATION_BATCH}
    FOR UPDATE OF e`;

  // Done only when a batch finds nobody: a short batch may just mean the runner changed rows under us.
  if (rows.length === 0) {
    await tx.enrollmentMigration.update({ where: { id: migration.id }, data: { status: "applied", appliedAt: now } });
    await writeAudit(tx, {
      actorId: options.actorId,
      action: "sequence.migrate",
      entityType: "sequence",
      entityId: migration.sequence_id,
      summary: `Moved ${counts.moved + counts.exited + counts.completed} enrollment(s) of "${versions.sequenceName}" from v${versions.from.number} to v${versions.to.number}`,
      detail: { migrationId: migration.id, fromVersionId: versions.from.id, toVersionId: versions.to.id, stepMap, selection, counts },
    });
    return result("applied", true);
  }

  const changes = rows.map((row) => planChange(versions, stepMap, row));
  await writeChanges(tx, { migrationId: migration.id, versions, changes, now });
  for (const change of changes) counts[change.outcome] += 1;
  await tx.enrollmentMigration.update({ where: { id: migration.id }, data: { counts } });
  return result("applying", false);
}

function planChange(versions: MigrationVersions, map: StepMap, row: EnrollmentRow): Change {
  const fromStepKey = versions.from.steps[row.current_step_index]?.key ?? null;
  const plan = planMove(versions.from.steps, versions.to.steps, map, { stepIndex: row.current_step_index, stepKey: fromStepKey });
  const base = { id: row.id, fromStepKey, prior: row };
  switch (plan.kind) {
    case "move":
      return { ...base, outcome: "moved", versionId: versions.to.id, stepIndex: plan.toIndex, stepKey: plan.toKey };
    // An exit leaves the contact where it stood on A: it never got anything from B.
    case "exit":
      return { ...base, outcome: "exited", versionId: versions.from.id, stepIndex: row.current_step_index, stepKey: row.current_step_key };
    case "complete":
      return { ...base, outcome: "completed", versionId: versions.to.id, stepIndex: versions.to.steps.length, stepKey: null };
    default: {
      const _exhaustive: never = plan;
      throw new Error(`Unknown plan ${JSON.stringify(_exhaustive)}`);
    }
  }
}

async function writeChanges(tx: Tx, options: { migrationId: string; versions: MigrationVersions; changes: Change[]; now: Date }): Promise<void> {
  const { changes, versions, migrationId, now } = options;
  const ids = changes.map((c) => c.id);
  const outcomes = changes.map((c) => c.outcome);
  const versionIds = changes.map((c) => c.versionId);
  const stepIndexes = changes.map((c) => c.stepIndex);
  const stepKeys = changes.map((c) => c.stepKey);

  // The pass bump lets a step key run again after the move ("<pass>:<key>" execution keys).
  // next_run_at is kept for moved rows: the contact's schedule carries over to B.
  await tx.$executeRaw`
    UPDATE enrollments e
    SET sequence_version_id = u.version_id, current_step_index = u.step_index, current_step_key = u.step_key, pass = e.pass + 1,
        status = CASE u.outcome WHEN 'moved' THEN e.status ELSE u.outcome::"EnrollmentStatus" END,
        next_run_at = CASE u.outcome WHEN 'moved' THEN e.next_run_at ELSE NULL END,
        exit_reason = CASE u.outcome WHEN 'exited' THEN 'migration' ELSE e.exit_reason END,
        finished_at = CASE u.outcome WHEN 'moved' THEN e.finished_at ELSE ${now} END,
        updated_at = ${now}
    FROM unnest(${ids}::uuid[], ${outcomes}::text[], ${versionIds}::uuid[], ${stepIndexes}::int[], ${stepKeys}::text[])
      AS u(id, outcome, version_id, step_index, step_key)
    WHERE e.id = u.id`;

  await tx.$executeRaw`
    INSERT INTO enrollment_migration_items (migration_id, enrollment_id, prior_version_id, prior_step_key, prior_step_index, prior_next_run_at, prior_status, prior_pass, outcome)
    SELECT ${migrationId}::uuid, u.id, ${versions.from.id}::uuid, u.step_key, u.step_index, u.next_run_at::timestamptz, u.status::"EnrollmentStatus", u.pass, u.outcome
    FROM unnest(${ids}::uuid[], ${changes.map((c) => c.prior.current_step_key)}::text[], ${changes.map((c) => c.prior.current_step_index)}::int[],
                ${changes.map((c) => c.prior.next_run_at?.toISOString() ?? null)}::text[], ${changes.map((c) => c.prior.status)}::text[],
                ${changes.map((c) => c.prior.pass)}::int[], ${outcomes}::text[])
      AS u(id, step_key, step_index, next_run_at, status, pass, outcome)`;

  const detailBase = { migrationId, fromVersion: versions.from.number, toVersion: versions.to.number, fromVersionId: versions.from.id, toVersionId: versions.to.id };
  const details = changes.map((c) => JSON.stringify({ ...detailBase, fromStepKey: c.fromStepKey, toStepKey: c.stepKey, outcome: c.outcome }));
  await tx.$executeRaw`
    INSERT INTO enrollment_events (enrollment_id, sequence_version_id, step_key, step_index, type, at, detail)
    SELECT u.id, u.version_id, u.step_key, u.step_index, 'migrated', ${now}, u.detail::jsonb
    FROM unnest(${ids}::uuid[], ${versionIds}::uuid[], ${stepKeys}::text[], ${stepIndexes}::int[], ${details}::text[]) AS u(id, version_id, step_key, step_index, detail)`;

  // Exits and completions also get their usual timeline row, so the enrollment page reads naturally.
  const ended = changes.filter((c) => c.outcome !== "moved");
  if (ended.length > 0) {
    await tx.$executeRaw`
      INSERT INTO enrollment_events (enrollment_id, sequence_version_id, step_key, step_index, type, at, detail)
      SELECT u.id, u.version_id, u.step_key, u.step_index, u.outcome::"EventType", ${now}, jsonb_build_object('reason', 'migration', 'migrationId', ${migrationId}::text)
      FROM unnest(${ended.map((c) => c.id)}::uuid[], ${ended.map((c) => c.versionId)}::uuid[], ${ended.map((c) => c.stepKey)}::text[],
                  ${ended.map((c) => c.stepIndex)}::int[], ${ended.map((c) => c.outcome)}::text[]) AS u(id, version_id, step_key, step_index, outcome)`;
  }
}
