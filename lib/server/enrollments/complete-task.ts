import "server-only";
import { transition } from "@/lib/domain/enrollment-machine";
import { writeAudit } from "../audit";
import { db } from "../db";
import { DomainError } from "../errors";
import { addEvent, loadVersions, lockEnrollment, saveState, stateOf } from "./enrollment-rows";

/**
 * Marks a manual task done. If its enrollment is waiting on exactly this task (the step just
 * before its current one, in its current pass), the enrollment becomes due now; a task of an
 * enrollment that moved on or ended is still marked done, it just unblocks nothing.
 */
export async function completeTask(options: { actorId: string | null; taskId: string; now?: Date }) {
  const now = options.now ?? new Date();
  return db().$transaction(async (tx) => {
    const found = await tx.task.findUnique({ where: { id: options.taskId }, select: { enrollmentId: true } });
    if (!found) throw new DomainError("That task no longer exists.", "not_found");
    // Lock the enrollment first, then re-read the task: two completions of one task serialise here.
    const row = await lockEnrollment(tx, found.enrollmentId);
    const task = await tx.task.findUniqueOrThrow({ where: { id: options.taskId } });
    if (task.completedAt) throw new DomainError("This task is already completed.", "conflict");
    await tx.task.update({ where: { id: task.id }, data: { completedAt: now, completedById: options.actorId } });

    const steps = (await loadVersions(tx, [row.sequence_version_id])).get(row.sequence_version_id)?.steps ?? [];
    const blocking = row.next_run_at === null && steps[row.current_step_index - 1]?.key === task.stepKey && task.executionKey === `${row.pass}:${task.stepKey}`;
    let unblocked = false;
    if (blocking) {
      const result = transition(stateOf(row), { type: "taskCompleted", now });
      if (result.ok) {
        await saveState(tx, row, result.state, now);
        unblocked = true;
      }
    }
    await addEvent(tx, row, "task_completed", now, { taskId: task.id, title: task.title, unblocked });
    await writeAudit(tx, { actorId: options.actorId, action: "task.complete", entityType: "task", entityId: task.id, summary: `Completed task "${task.title}" for ${row.email}` });
    return { taskId: task.id, enrollmentId: row.id, unblocked };
  });
}
