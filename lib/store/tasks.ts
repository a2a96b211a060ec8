import type { Sql } from "./sql";

export type NewTask = {
  enrollmentId: string;
  versionId: string;
  stepKey: string;
  executionKey: string;
  title: string;
  note: string;
};

const INSERT_TASKS = `
  INSERT INTO tasks (enrollment_id, sequence_version_id, step_key, execution_key, title, note, due_at, created_at)
  SELECT u.enrollment_id, u.version_id, u.step_key, u.execution_key, u.title, u.note, $7::timestamptz, $7::timestamptz
  FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[])
    AS u(enrollment_id, version_id, step_key, execution_key, title, note)
  ON CONFLICT (enrollment_id, execution_key) DO NOTHING`;

const COMPLETE_TASK = `UPDATE tasks SET completed_at = $2, completed_by_id = $3::uuid WHERE id = $1::uuid`;

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
  ]);
}

export async function markTaskCompleted(
  sql: Sql,
  options: { taskId: string; at: Date; byId: string | null },
): Promise<void> {
  await sql.query(COMPLETE_TASK, [options.taskId, options.at, options.byId]);
}
