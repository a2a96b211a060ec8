import "server-only";
import { lockTask, updateOpenTask, type LockedTask, type TaskChange } from "@/lib/store/tasks";
import { prismaSql } from "@/lib/store/sql";
import type { Prisma } from "@/lib/generated/prisma/client";
import { writeAudit } from "../audit";
import { db, type Tx } from "../db";
import { DomainError } from "../errors";

/**
 * One change to one open task, shared by the reassign / due date / priority use cases: lock the
 * row, refuse a done or missing task, write the change through the store and the audit row in the
 * same transaction. `describe` words the audit summary from the locked row (the value before).
 */
export async function changeOpenTask(options: {
  actorId: string;
  taskId: string;
  change: TaskChange;
  action: string;
  describe: (task: LockedTask, tx: Tx) => Promise<{ summary: string; detail: Prisma.InputJsonValue }>;
  check?: (tx: Tx) => Promise<void>;
}): Promise<{ taskId: string }> {
  return db().$transaction(async (tx) => {
    const sql = prismaSql(tx);
    await options.check?.(tx);
    const task = await lockTask(sql, options.taskId);
    if (!task) throw new DomainError("That task no longer exists.", "not_found");
    if (task.completed_at)
      throw new DomainError("This task is already completed; it can no longer change.", "conflict");
    const { summary, detail } = await options.describe(task, tx);
    await updateOpenTask(sql, task.id, options.change);
    await writeAudit(tx, {
      actorId: options.actorId,
      action: options.action,
      entityType: "task",
      entityId: task.id,
      summary,
      detail,
    });
    return { taskId: task.id };
  });
}
