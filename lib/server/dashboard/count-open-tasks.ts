import "server-only";
import type { OpenTaskCounts } from "@/lib/views/dashboard";
import { db } from "../db";

/** Open manual tasks (index (completed_at, created_at)) and those past their due date (partial index tasks_open_due). */
export async function countOpenTasks(options: { now?: Date } = {}): Promise<OpenTaskCounts> {
  const now = options.now ?? new Date();
  const [row] = await db().$queryRaw<{ open: bigint; overdue: bigint }[]>`
    SELECT (SELECT count(*) FROM tasks WHERE completed_at IS NULL) AS open,
           (SELECT count(*) FROM tasks WHERE completed_at IS NULL AND due_at < ${now}) AS overdue`;
  return { open: Number(row?.open ?? 0), overdue: Number(row?.overdue ?? 0) };
}
