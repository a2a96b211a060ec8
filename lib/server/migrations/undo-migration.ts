import "server-only";
import { transition, type MigrationOutcome } from "@/lib/domain/enrollment-machine";
import type { EnrollmentMigrationItem } from "@/lib/generated/prisma/client";
import { lockEnrollments, stateOf, type LockedEnrollment } from "@/lib/store/claim";
import { executedUnderPass, insertEvents } from "@/lib/store/events";
import { saveStates, type StateSave } from "@/lib/store/save-state";
import type { Row } from "@/lib/store/rows";
import { prismaSql } from "@/lib/store/sql";
import { IN_FLIGHT_STATUSES } from "@/lib/domain/enrollment-status";
import { writeAudit } from "../audit";
import { db, type Tx } from "../db";
import { DomainError } from "../errors";
import {
  loadMigrationVersions,
  lockMigration,
  parseCounts,
  type MigrationCounts,
  type MigrationVersions,
} from "./migration-rows";

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

// Typed from the Prisma model; `outcome` is what apply wrote (a MigrationOutcome).
type ItemRow = Pick<
  Row<EnrollmentMigrationItem>,
  | "enrollment_id"
  | "prior_version_id"
  | "prior_step_key"
  | "prior_step_index"
  | "prior_next_run_at"
  | "prior_status"
  | "prior_pass"
> & { outcome: MigrationOutcome; other_live: boolean };
type Item = ItemRow & { current: LockedEnrollment; executedSince: boolean };

/**
 * Puts every enrollment this migration moved back exactly where it was (version, step, schedule,
 * status, pass) unless it has moved on since: executed a step on B (any step_executed under the
 * pass the migration gave it), was moved again, or changed state. Those are reported, not touched.
 */
export async function undoMigration(options: {
  actorId: string;
  migrationId: string;
  sequenceId?: string;
  now?: Date;
}): Promise<UndoResult> {
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
    const batch = await db().$transaction(
      (tx) => undoBatch(tx, { migrationId: options.migrationId, sequenceId: options.sequenceId, cursor, now }),
      TX_OPTIONS,
    );
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
  if (options.sequenceId && migration.sequence_id !== options.sequenceId)
    throw new DomainError("That migration does not belong to this sequence.", "not_found");
  if (migration.status === "undone") throw new DomainError("This migration has already been undone.", "conflict");
  if (migration.status === "applying")
    throw new DomainError(
      "This migration is still being applied. Let it finish (or resume it), then undo.",
      "conflict",
    );
  const versions = await loadMigrationVersions(tx, {
    sequenceId: migration.sequence_id,
    fromVersionId: migration.from_version_id,
    toVersionId: migration.to_version_id,
  });

  // Lock the enrollments first (fixed id order, through the store), then read their state and history.
  const next = await tx.$queryRaw<{ id: string }[]>`
    SELECT i.enrollment_id AS id FROM enrollment_migration_items i
    WHERE i.migration_id = ${migration.id}::uuid AND NOT i.undone AND i.enrollment_id > ${options.cursor}::uuid
    ORDER BY i.enrollment_id LIMIT ${UNDO_BATCH}`;
  if (next.length === 0) return null;
  const sql = prismaSql(tx);
  const locked = await lockEnrollments(
    sql,
    next.map((r) => r.id),
  );
  const ids = locked.map((r) => r.id);
  const current = new Map(locked.map((r) => [r.id, r]));
  const rows = await tx.$queryRaw<ItemRow[]>`
    SELECT i.enrollment_id, i.outcome, i.prior_version_id, i.prior_step_key, i.prior_step_index, i.prior_next_run_at,
           i.prior_status::text AS prior_status, i.prior_pass,
           EXISTS (SELECT 1 FROM enrollments o
                   WHERE o.contact_id = e.contact_id AND o.sequence_id = e.sequence_id AND o.id <> e.id
                     AND o.status = ANY(${[...IN_FLIGHT_STATUSES]}::"EnrollmentStatus"[])) AS other_live
    FROM enrollment_migration_items i JOIN enrollments e ON e.id = i.enrollment_id
    WHERE i.migration_id = ${migration.id}::uuid AND i.enrollment_id = ANY(${ids}::uuid[])
    ORDER BY i.enrollment_id`;
  const executed = await executedUnderPass(
    sql,
    rows.map((r) => ({ enrollmentId: r.enrollment_id, pass: r.prior_pass + 1 })),
  );
  const items: Item[] = rows.map((r) => ({
    ...r,
    current: current.get(r.enrollment_id)!,
    executedSince: executed.has(r.enrollment_id),
  }));

  const restore: { item: Item; save: StateSave }[] = [];
  const kept: { enrollmentId: string; reason: KeptReason }[] = [];
  for (const item of items) {
    const reason = keptReason(item, versions);
    if (reason) {
      kept.push({ enrollmentId: item.enrollment_id, reason });
      continue;
    }
    const prior = {
      status: item.prior_status,
      stepIndex: item.prior_step_index,
      nextRunAt: item.prior_next_run_at,
      exitReason: item.outcome === "moved" ? item.current.exit_reason : null,
    };
    const back = transition(stateOf(item.current), { type: "undoMigration", prior });
    if (!back.ok) throw new Error(back.error);
    restore.push({
      item,
      save: {
        id: item.enrollment_id,
        versionId: item.prior_version_id,
        pass: item.prior_pass,
        stepKey: item.prior_step_key,
        state: back.state,
      },
    });
  }

  if (restore.length > 0) {
    const restoreIds = restore.map((r) => r.item.enrollment_id);
    await saveStates(
      sql,
      restore.map((r) => r.save),
      options.now,
    );
    await tx.$executeRaw`
      UPDATE enrollment_migration_items SET undone = TRUE
      WHERE migration_id = ${migration.id}::uuid AND enrollment_id = ANY(${restoreIds}::uuid[])`;
    await insertEvents(
      sql,
      restore.map(({ item, save }) => ({
        enrollmentId: save.id,
        versionId: save.versionId,
        stepKey: save.stepKey,
        stepIndex: save.state.stepIndex,
        type: "migration_undone" as const,
        detail: {
          migrationId: migration.id,
          fromVersion: versions.to.number,
          toVersion: versions.from.number,
          outcome: item.outcome,
          toStepKey: item.prior_step_key,
        },
      })),
      options.now,
    );
  }
  return { last: next[next.length - 1]?.id ?? options.cursor, restored: restore.length, kept };
}

/** Null when the enrollment is exactly as the migration left it; otherwise why it stays. */
function keptReason(item: Item, versions: MigrationVersions): KeptReason | null {
  if (item.executedSince) return "executed_step";
  const leftOn = item.outcome === "exited" ? versions.from.id : versions.to.id;
  if (item.current.pass !== item.prior_pass + 1 || item.current.sequence_version_id !== leftOn) return "moved_again";
  const leftStatus = item.outcome === "moved" ? item.prior_status : item.outcome;
  const leftNextRun = item.outcome === "moved" ? item.prior_next_run_at : null;
  if (
    item.current.status !== leftStatus ||
    (item.current.next_run_at?.getTime() ?? null) !== (leftNextRun?.getTime() ?? null)
  )
    return "changed";
  if (item.outcome !== "moved" && item.other_live) return "re_enrolled";
  return null;
}

async function finishUndo(
  tx: Tx,
  options: { actorId: string; migrationId: string; now: Date; result: UndoResult },
): Promise<MigrationCounts> {
  const migration = await lockMigration(tx, options.migrationId);
  const counts = parseCounts(migration.counts);
  if (migration.status !== "applied") return counts;
  const versions = await loadMigrationVersions(tx, {
    sequenceId: migration.sequence_id,
    fromVersionId: migration.from_version_id,
    toVersionId: migration.to_version_id,
  });
  const [tally] = await tx.$queryRaw<{ undone: bigint; kept: bigint }[]>`
    SELECT count(*) FILTER (WHERE undone) AS undone, count(*) FILTER (WHERE NOT undone) AS kept
    FROM enrollment_migration_items WHERE migration_id = ${migration.id}::uuid`;
  const next = { ...counts, undone: Number(tally?.undone ?? 0), kept: Number(tally?.kept ?? 0) };
  await tx.enrollmentMigration.update({
    where: { id: migration.id },
    data: { status: "undone", counts: next, undoneById: options.actorId, undoneAt: options.now },
  });
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
