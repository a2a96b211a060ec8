import "server-only";
import { roleAtLeast } from "@/lib/domain/roles";
import { DomainError } from "../errors";
import { changeOpenTask } from "./task-rows";

/**
 * Gives an open task to someone else (or to nobody: null). Only editors and admins can be
 * assignees, since a viewer could not complete the task.
 */
export async function reassignTask(options: { actorId: string; taskId: string; assigneeId: string | null }) {
  const { assigneeId } = options;
  return changeOpenTask({
    actorId: options.actorId,
    taskId: options.taskId,
    change: { field: "assignee", assigneeId },
    action: "task.reassign",
    async check(tx) {
      if (assigneeId === null) return;
      const user = await tx.user.findUnique({ where: { id: assigneeId }, select: { role: true } });
      if (!user) throw new DomainError("That user no longer exists.", "not_found");
      if (!roleAtLeast(user.role, "editor"))
        throw new DomainError("Tasks can only be assigned to editors and admins (a viewer cannot complete them).");
    },
    async describe(task, tx) {
      const to = assigneeId ? await tx.user.findUnique({ where: { id: assigneeId }, select: { email: true } }) : null;
      return {
        summary: `Assigned task "${task.title}" for ${task.email} to ${to ? to.email : "nobody"}`,
        detail: { from: task.assignee_id, to: assigneeId },
      };
    },
  });
}
