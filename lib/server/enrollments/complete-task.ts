import "server-only";
import { transition } from "@/lib/domain/enrollment-machine";
import { stateOf } from "@/lib/store/claim";
import { insertEvents } from "@/lib/store/events";
import { executionKey } from "@/lib/store/execution-key";
import { saveState } from "@/lib/store/save-state";
import { prismaSql } from "@/lib/store/sql";
import { markTaskCompleted } from "@/lib/store/tasks";
import { sharedVersionCache } from "@/lib/store/versions";
import { TASK_LIMITS } from "@/lib/domain/tasks";
import { writeAudit } from "../audit";
import { db } from "../db";
import { DomainError } from "../errors";
import { lockEnrollment } from "./enrollment-rows";

/**
 * Marks a manual task done. If its enrollment is waiting on exactly this task (the step just
 * before its current one, in its current pass), the enrollment becomes due now; a task of an
 * enrollment that moved on or ended is still marked done, it just unblocks nothing. The
 * `task_completed` event is the task's own step (key, index and version), not wherever the
 * enrollment stands now: after completion it stands on the step that follows.
 */
export async function completeTask(options: { actorId: string | null; taskId: string; note?: string; now?: Date }) {
  const now = options.now ?? new Date();
  // The action's schema enforces this too; a service caller (seed, tests) gets the same refusal.
  const note = (options.note ?? "").trim();
  if (note.length > TASK_LIMITS.completionNote)
    throw new DomainError(
      `The note is limited to ${TASK_LIMITS.completionNote.toLocaleString("en-US")} characters.`,
      "invalid",
    );
  return db().$transaction(async (tx) => {
    const sql = prismaSql(tx);
    const found = await tx.task.findUnique({ where: { id: options.taskId }, select: { enrollmentId: true } });
    if (!found) throw new DomainError("That task no longer exists.", "not_found");
    // Lock the enrollment first, then re-read the task: two completions of one task serialise here.
    const row = await lockEnrollment(sql, found.enrollmentId);
    const task = await tx.task.findUniqueOrThrow({ where: { id: options.taskId } });
    if (task.completedAt) throw new DomainError("This task is already completed.", "conflict");
    await markTaskCompleted(sql, { taskId: task.id, at: now, byId: options.actorId, note });

    const versions = await sharedVersionCache.contents(sql, new Set([row.sequence_version_id, task.sequenceVersionId]));
    const steps = versions.get(row.sequence_version_id)?.steps ?? [];
    const blocking =
      row.next_run_at === null &&
      steps[row.current_step_index - 1]?.key === task.stepKey &&
      task.executionKey === executionKey(row.pass, task.stepKey);
    let unblocked = false;
    if (blocking) {
      const result = transition(stateOf(row), { type: "taskCompleted", now });
      if (result.ok) {
        await saveState(sql, row, result.state, now);
        unblocked = true;
      }
    }
    const taskIndex = versions.get(task.sequenceVersionId)?.steps.findIndex((s) => s.key === task.stepKey) ?? -1;
    await insertEvents(
      sql,
      [
        {
          enrollmentId: row.id,
          versionId: task.sequenceVersionId,
          stepKey: task.stepKey,
          stepIndex: taskIndex >= 0 ? taskIndex : null,
          type: "task_completed",
          // The note rides on the event so the enrollment's timeline shows it.
          detail: note
            ? { taskId: task.id, title: task.title, unblocked, note }
            : { taskId: task.id, title: task.title, unblocked },
        },
      ],
      now,
    );
    await writeAudit(tx, {
      actorId: options.actorId,
      action: "task.complete",
      entityType: "task",
      entityId: task.id,
      summary: `Completed task "${task.title}" for ${row.email}${note ? " with a note" : ""}`,
    });
    return { taskId: task.id, enrollmentId: row.id, unblocked };
  });
}
