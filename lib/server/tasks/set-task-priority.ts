import "server-only";
import type { TaskPriority } from "@/lib/domain/tasks";
import { changeOpenTask } from "./task-rows";

export async function setTaskPriority(options: { actorId: string; taskId: string; priority: TaskPriority }) {
  return changeOpenTask({
    actorId: options.actorId,
    taskId: options.taskId,
    change: { field: "priority", priority: options.priority },
    action: "task.set_priority",
    async describe(task) {
      return {
        summary: `Set the priority of task "${task.title}" for ${task.email} to ${options.priority}`,
        detail: { from: task.priority, to: options.priority },
      };
    },
  });
}
