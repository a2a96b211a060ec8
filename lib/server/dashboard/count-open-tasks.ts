import "server-only";
import type { OpenTaskCounts } from "@/lib/views/dashboard";
import { db } from "../db";

/**
 * Open manual tasks (index (completed_at, created_at)), those past their due date (partial index
 * tasks_open_due) and those of them assigned to `userId` (partial index tasks_open_assignee_due).
 */
export async function countOpenTasks(options: { now?: Date; userId?: string | null } = {}): Promise<OpenTaskCounts> {
  const now = options.now ?? new Date();
  const userId = options.userId ?? null;
  const [row] = await db().$queryRaw<{ open: bigint; overdue: bigint; overdue_for_user: bigint }[]>`
    SELECT (SELECT count(*) FROM tasks WHERE completed_at IS NULL) AS open,
           (SELECT count(*) FROM tasks WHERE completed_at IS NULL AND due_at < ${now}) AS overdue,
           (SELECT count(*) FROM tasks WHERE completed_at IS NULL AND due_at < ${now}
              AND assignee_id = ${userId}::uuid) AS overdue_for_user`;
  return {
    open: Number(row?.open ?? 0),
    overdue: Number(row?.overdue ?? 0),
    overdueForUser: Number(row?.overdue_for_user ?? 0),
  };
}
