import "server-only";
import { changeOpenTask } from "./task-rows";

/** Moves an open task's due date (any instant; a past one makes it overdue at once). */
export async function setTaskDue(options: { actorId: string; taskId: string; dueAt: Date }) {
  return changeOpenTask({
    actorId: options.actorId,
    taskId: options.taskId,
    change: { field: "due", dueAt: options.dueAt },
    action: "task.set_due",
    async describe(task) {
      return {
        summary: `Set the due date of task "${task.title}" for ${task.email} to ${options.dueAt.toISOString()}`,
        detail: { from: task.due_at.toISOString(), to: options.dueAt.toISOString() },
      };
    },
  });
}
