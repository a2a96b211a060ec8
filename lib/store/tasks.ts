import { defaultDueAt, type TaskPriority } from "@/lib/domain/tasks";
import type { Sql } from "./sql";

export type NewTask = {
  enrollmentId: string;
  versionId: string;
  stepKey: string;
  executionKey: string;
  title: string;
  note: string;
};

/**
 * A new task is assigned to its sequence's owner (the user who created the sequence; none, or a
 * user who no longer exists, leaves it unassigned) and due TASK_DEFAULT_DUE_MS after creation.
 * The runner's batch statement (runner-batch.ts) inserts with the same FROM and defaults.
 */
export const TASK_OWNER_JOIN = `
    JOIN enrollments task_e ON task_e.id = u.enrollment_id
    JOIN sequences task_s ON task_s.id = task_e.sequence_id
    LEFT JOIN users task_owner ON task_owner.id = task_s.created_by_id`;

const INSERT_TASKS = `
  INSERT INTO tasks (enrollment_id, sequence_version_id, step_key, execution_key, title, note, due_at, created_at, assignee_id)
  SELECT u.enrollment_id, u.version_id, u.step_key, u.execution_key, u.title, u.note, $8::timestamptz, $7::timestamptz, task_owner.id
  FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[])
    AS u(enrollment_id, version_id, step_key, execution_key, title, note)
  ${TASK_OWNER_JOIN}
  ON CONFLICT (enrollment_id, execution_key) DO NOTHING`;

const COMPLETE_TASK = `
  UPDATE tasks SET completed_at = $2, completed_by_id = $3::uuid, completion_note = $4
  WHERE id = $1::uuid AND completed_at IS NULL
  RETURNING id`;

export async function insertTasks(sql: Sql, tasks: readonly NewTask[], at: Date): Promise<void> {
  if (tasks.length === 0) return;
  await sql.query(INSERT_TASKS, [
    tasks.map((t) => t.enrollmentId),
    tasks.map((t) => t.versionId),
    tasks.map((t) => t.stepKey),
    tasks.map((t) => t.executionKey),
    tasks.map((t) => t.title),
    tasks.map((t) => t.note),
    at,
    defaultDueAt(at),
  ]);
}

/** Marks an open task done, with the note left by whoever completed it; false if it was already done. */
export async function markTaskCompleted(
  sql: Sql,
  options: { taskId: string; at: Date; byId: string | null; note?: string | null },
): Promise<boolean> {
  const rows = await sql.query(COMPLETE_TASK, [options.taskId, options.at, options.byId, options.note || null]);
  return rows.length > 0;
}

/** An open task's row as the task services see it, locked against a concurrent change or completion. */
export type LockedTask = {
  id: string;
  title: string;
  assignee_id: string | null;
  due_at: Date;
  priority: TaskPriority;
  completed_at: Date | null;
  email: string;
};

const LOCK_TASK = `
  SELECT t.id, t.title, t.assignee_id, t.due_at, t.priority::text AS priority, t.completed_at, c.email
  FROM tasks t JOIN enrollments e ON e.id = t.enrollment_id JOIN contacts c ON c.id = e.contact_id
  WHERE t.id = $1::uuid
  FOR UPDATE OF t`;

export async function lockTask(sql: Sql, taskId: string): Promise<LockedTask | null> {
  const [row] = await sql.query<LockedTask>(LOCK_TASK, [taskId]);
  return row ?? null;
}

export type TaskChange =
  | { field: "assignee"; assigneeId: string | null }
  | { field: "due"; dueAt: Date }
  | { field: "priority"; priority: TaskPriority };

const SET_ASSIGNEE = `UPDATE tasks SET assignee_id = $2::uuid WHERE id = $1::uuid AND completed_at IS NULL RETURNING id`;
const SET_DUE = `UPDATE tasks SET due_at = $2::timestamptz WHERE id = $1::uuid AND completed_at IS NULL RETURNING id`;
const SET_PRIORITY = `UPDATE tasks SET priority = $2::"TaskPriority" WHERE id = $1::uuid AND completed_at IS NULL RETURNING id`;

/** Changes one field of an open task; false if the task is done (or gone): a done task stays as it was. */
export async function updateOpenTask(sql: Sql, taskId: string, change: TaskChange): Promise<boolean> {
  const rows =
    change.field === "assignee"
      ? await sql.query(SET_ASSIGNEE, [taskId, change.assigneeId])
      : change.field === "due"
        ? await sql.query(SET_DUE, [taskId, change.dueAt])
        : await sql.query(SET_PRIORITY, [taskId, change.priority]);
  return rows.length > 0;
}
