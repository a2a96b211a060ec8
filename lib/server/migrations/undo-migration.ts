import "server-only";
import { writeAudit } from "../audit";
import { db, type Tx } from "../db";
import { DomainError } from "../errors";
import { loadMigrationVersions, lockMigration, parseCounts, type MigrationCounts, type MigrationVersions } from "./migration-rows";

const UNDO_BATCH = 500;
const TX_OPTIONS = { timeout: 120_000, maxWait: 30_000 };
/** How many kept enrollments the result lists by id; the counts cover all of them. */
const KEPT_LIST_LIMIT = 100;

export type KeptReason = "executed_step" | "moved_again" | "changed" | "re_enrolled";
export const KEPT_REASON_TEXT: Record<KeptReason, string> = {
  executed_step: "executed a step on the new version since the move",
  moved_again: "moved again by a later migration",
  changed: "changed since the move (paused, resumed, task completed, exited or finished)",
  re_enrolled: "the contact is enrolled in this sequence again",
};

export type UndoResult = {
  migrationId: string;
  restored: number;
  kept: number;
  keptByReason: Record<KeptReason, number>;
  keptSample: { enrollmentId: string; reason: KeptReason }[];
  counts: MigrationCounts;
};

type ItemRow = {
  enrollment_id: string;
  outcome: "moved" | "exited" | "completed";
  prior_version_id: string;
  prior_step_key: string | null;
  prior_step_index: number;
  prior_next_run_at: Date | null;
  prior_status: "active" | "paused";
  prior_pass: number;
  version_id: string;
  status: string;
  pass: number;
  next_run_at: Date | null;
  executed_since: boolean;
  other_live: boolean;
};

/**
 * Puts every enrollment this migration moved back exactly where it was (version, step, schedule,
 * status, pass) unless it has moved on since: executed a step on B (any step_executed under the
 * pass the migration gave it), was moved again, or changed state. Those are reported, not touched.
 */
export async function undoMigration(options: { actorId: string; migrationId: string; sequenceId?: string; now?: Date }): Promise<UndoResult> {
  const now = options.now ?? new Date();
  const result: UndoResult = {
    migrationId: options.migrationId,
    restored: 0,
    kept: 0,
    keptByReason: { executed_step: 0, moved_again: 0, changed: 0, re_enrolled: 0 },
    keptSample: [],
    counts: parseCounts({}),
  };
  let cursor = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const batch = await db().$transaction((tx) => undoBatch(tx, { migrationId: options.migrationId, sequenceId: options.sequenceId, cursor, now }), TX_OPTIONS);
    if (!batch) break;
    cursor = batch.last;
    result.restored += batch.restored;
    for (const kept of batch.kept) {
      result.kept += 1;
      result.keptByReason[kept.reason] += 1;
      if (result.keptSample.length < KEPT_LIST_LIMIT) result.keptSample.push(kept);
    }
  }
  result.counts = await db().$transaction((tx) => finishUndo(tx, { ...options, now, result }), TX_OPTIONS);
  return result;
}

async function undoBatch(
  tx: Tx,
  options: { migrationId: string; sequenceId?: string; cursor: string; now: Date },
): Promise<{ last: string; restored: number; kept: { enrollmentId: string; reason: KeptReason }[] } | null> {
  const migration = await lockMigration(tx, options.migrationId);
  if (options.sequenceId && migration.sequence_id !== options.sequenceId) throw new DomainError("That migration does not belong to this sequence.", "not_found");
  if (migration.status === "undone") throw new DomainError("This migration has already been undone.", "conflict");
  if (migration.status === "applying") throw new DomainError("This migration is still being applied. Let it finish (or resume it), then undo.", "conflict");
  const versions = await loadMigrationVersions(tx, { sequenceId: migration.sequence_id, fromVersionId: migration.from_version_id, toVersionId: migration.to_version_id });

  // Lock the enrollments first (fixed id order), then read their state and history.
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT e.id FROM enrollment_migration_items i JOIN enrollments e ON e.id = i.enrollment_id
    WHERE i.migration_id = ${migration.id}::uuid AND NOT i.undone AND i.enrollment_id > ${options.cursor}::uuid
    ORDER BY i.enrollment_id LIMIT ${UNDO_BATCH}
    FOR UPDATE OF e`;
  if (locked.length === 0) return null;
  const ids = locked.map((r) => r.id);
  const items = await tx.$queryRaw<ItemRow[]>`
    SELECT i.enrollment_id, i.outcome, i.prior_version_id, i.prior_step_key, i.prior_step_index, i.prior_next_run_at,
           i.prior_status::text AS prior_status, i.prior_pass,
           e.sequence_version_id AS version_id, e.status::text AS status, e.pass, e.next_run_at,
           EXISTS (SELECT 1 FROM enrollment_events ev
                   WHERE ev.enrollment_id = e.id AND ev.type = 'step_executed'
                     AND ev.execution_key LIKE ((i.prior_pass + 1)::text || ':%')) AS executed_since,
           EXISTS (SELECT 1 FROM enrollments o
                   WHERE o.contact_id = e.contact_id AND o.sequence_id = e.sequence_id AND o.id <> e.id
                     AND o.status IN ('active', 'paused')) AS other_live
    FROM enrollment_migration_items i JOIN enrollments e ON e.id = i.enrollment_id
    WHERE i.migration_id = ${migration.id}::uuid AND i.enrollment_id = ANY(${ids}::uuid[])
    ORDER BY i.enrollment_id`;

  const restore: ItemRow[] = [];
  const kept: { enrollmentId: string; reason: KeptReason }[] = [];
  for (const item of items) {
    const reason = keptReason(item, versions);
    if (reason) kept.push({ enrollmentId: item.enrollment_id, reason });
    else restore.push(item);
  }

  if (restore.length > 0) {
    const restoreIds = restore.map((r) => r.enrollment_id);
    await tx.$executeRaw`
      UPDATE enrollments e
      SET sequence_version_id = i.prior_version_id, current_step_index = i.prior_step_index, current_step_key = i.prior_step_key,
          next_run_at = i.prior_next_run_at, status = i.prior_status, pass = i.prior_pass,
          exit_reason = CASE WHEN i.outcome = 'moved' THEN e.exit_reason ELSE NULL END,
          finished_at = CASE WHEN i.outcome = 'moved' THEN e.finished_at ELSE NULL END,
          updated_at = ${options.now}
      FROM enrollment_migration_items i
      WHERE i.migration_id = ${migration.id}::uuid AND i.enrollment_id = e.id AND e.id = ANY(${restoreIds}::uuid[])`;
    await tx.$executeRaw`
      UPDATE enrollment_migration_items SET undone = TRUE
      WHERE migration_id = ${migration.id}::uuid AND enrollment_id = ANY(${restoreIds}::uuid[])`;
    await tx.$executeRaw`
      INSERT INTO enrollment_events (enrollment_id, sequence_version_id, step_key, step_index, type, at, detail)
      SELECT i.enrollment_id, i.prior_version_id, i.prior_step_key, i.prior_step_index, 'migration_undone', ${options.now},
             jsonb_build_object('migrationId', i.migration_id::text, 'fromVersion', ${versions.to.number}::int, 'toVersion', ${versions.from.number}::int,
                                'outcome', i.outcome, 'toStepKey', i.prior_step_key)
      FROM enrollment_migration_items i
      WHERE i.migration_id = ${migration.id}::uuid AND i.enrollment_id = ANY(${restoreIds}::uuid[])`;
  }
  return { last: ids[ids.length - 1] ?? options.cursor, restored: restore.length, kept };
}

/** Null when the enrollment is exactly as the migration left it; otherwise why it stays. */
function keptReason(item: ItemRow, versions: MigrationVersions): KeptReason | null {
  if (item.executed_since) return "executed_step";
  const leftOn = item.outcome === "exited" ? versions.from.id : versions.to.id;
  if (item.pass !== item.prior_pass + 1 || item.version_id !== leftOn) return "moved_again";
  const leftStatus = item.outcome === "moved" ? item.prior_status : item.outcome;
  const leftNextRun = item.outcome === "moved" ? item.prior_next_run_at : null;
  if (item.status !== leftStatus || (item.next_run_at?.getTime() ?? null) !== (leftNextRun?.getTime() ?? null)) return "changed";
  if (item.outcome !== "moved" && item.other_live) return "re_enrolled";
  return null;
}

async function finishUndo(tx: Tx, options: { actorId: string; migrationId: string; now: Date; result: UndoResult }): Promise<MigrationCounts> {
  const migration = await lockMigration(tx, options.migrationId);
  const counts = parseCounts(migration.counts);
  if (migration.status !== "applied") return counts;
  const versions = await loadMigrationVersions(tx, { sequenceId: migration.sequence_id, fromVersionId: migration.from_version_id, toVersionId: migration.to_version_id });
  const [tally] = await tx.$queryRaw<{ undone: bigint; kept: bigint }[]>`
    SELECT count(*) FILTER (WHERE undone) AS undone, count(*) FILTER (WHERE NOT undone) AS kept
    FROM enrollment_migration_items WHERE migration_id = ${migration.id}::uuid`;
  const next = { ...counts, undone: Number(tally?.undone ?? 0), kept: Number(tally?.kept ?? 0) };
  await tx.enrollmentMigration.update({ where: { id: migration.id }, data: { status: "undone", counts: next, undoneById: options.actorId, undoneAt: options.now } });
  await writeAudit(tx, {
    actorId: options.actorId,
    action: "sequence.migration_undo",
    entityType: "sequence",
    entityId: migration.sequence_id,
    summary: `Undid the move of "${versions.sequenceName}" from v${versions.from.number} to v${versions.to.number}: ${next.undone} restored, ${next.kept} kept on their new state`,
    detail: { migrationId: migration.id, counts: next, keptByReason: options.result.keptByReason },
  });
  return next;
}
