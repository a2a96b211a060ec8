import "server-only";
import { ARCHIVED_REASON } from "@/lib/domain/scheduled-publish";
import { writeAudit } from "../audit";
import type { Tx } from "../db";
import { removeScheduledPublishJob } from "./schedule-jobs";

/**
 * Called by archive-sequence inside its transaction, after the sequence row is locked: an archived
 * sequence publishes nothing, so its open schedules end now with a visible reason (instead of
 * failing at their time and notifying someone then).
 */
export async function cancelSchedulesOnArchive(
  tx: Tx,
  options: { actorId: string; sequenceId: string; sequenceName: string },
): Promise<number> {
  const cancelled = await tx.$queryRaw<{ id: string }[]>`
    UPDATE scheduled_publishes SET status = 'cancelled', reason = ${ARCHIVED_REASON}, finished_at = now()
    WHERE sequence_id = ${options.sequenceId}::uuid AND status = 'scheduled'
    RETURNING id`;
  for (const { id } of cancelled) {
    await removeScheduledPublishJob(tx, id);
    await writeAudit(tx, {
      actorId: options.actorId,
      action: "sequence.cancel_scheduled_publish",
      entityType: "sequence",
      entityId: options.sequenceId,
      summary: `The scheduled publish of "${options.sequenceName}" was cancelled: the sequence was archived`,
      detail: { scheduleId: id, reason: ARCHIVED_REASON },
    });
  }
  return cancelled.length;
}
