import type { EnrollmentState } from "@/lib/domain/enrollment-machine";
import type { Sql } from "./sql";
import { isFinished } from "@/lib/domain/enrollment-status";

/**
 * A new state for one enrollment, as `transition()` (or `executeUntilBlocked`) produced it, plus
 * where it stands: its pinned version and pass (only migrations change those) and the key of the
 * step at `state.stepIndex` in that version (null past the end).
 */
export type StateSave = { id: string; versionId: string; pass: number; stepKey: string | null; state: EnrollmentState };

// finished_at is set the first time a state is finished and kept after that (a completed
// enrollment whose last email then fails keeps its completion time); it is cleared only when a
// finished enrollment becomes in flight again (undo of a migration that ended it).
const SAVE_STATES = `
  UPDATE enrollments e
  SET sequence_version_id = u.version_id, pass = u.pass, current_step_index = u.step_index, current_step_key = u.step_key,
      next_run_at = u.next_run_at, status = u.status::"EnrollmentStatus", exit_reason = u.exit_reason,
      finished_at = CASE WHEN u.finished THEN coalesce(e.finished_at, $9::timestamptz) END, updated_at = $9::timestamptz
  FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::int[], $5::text[], $6::timestamptz[], $7::text[], $8::text[], $10::bool[])
    AS u(id, version_id, pass, step_index, step_key, next_run_at, status, exit_reason, finished)
  WHERE e.id = u.id`;

/** Saves many states in one statement (the worker's batch, a migration batch) or just one. */
export async function saveStates(sql: Sql, saves: readonly StateSave[], now: Date): Promise<void> {
  if (saves.length === 0) return;
  await sql.query(SAVE_STATES, [
    saves.map((s) => s.id),
    saves.map((s) => s.versionId),
    saves.map((s) => s.pass),
    saves.map((s) => s.state.stepIndex),
    saves.map((s) => s.stepKey),
    saves.map((s) => s.state.nextRunAt),
    saves.map((s) => s.state.status),
    saves.map((s) => s.state.exitReason),
    now,
    saves.map((s) => isFinished(s.state.status)),
  ]);
}

/** A service's save of one locked row whose version, pass and step key stay as they are. */
export function saveState(
  sql: Sql,
  row: { id: string; sequence_version_id: string; pass: number; current_step_key: string | null },
  state: EnrollmentState,
  now: Date,
): Promise<void> {
  return saveStates(
    sql,
    [{ id: row.id, versionId: row.sequence_version_id, pass: row.pass, stepKey: row.current_step_key, state }],
    now,
  );
}
