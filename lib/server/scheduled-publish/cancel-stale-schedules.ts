import "server-only";
import { contentHash } from "@/lib/domain/canonical-hash";
import { DRAFT_CHANGED_REASON } from "@/lib/domain/scheduled-publish";
import { validateDraft } from "@/lib/domain/validate-draft";
import { writeAudit } from "../audit";
import type { Tx } from "../db";
import { removeScheduledPublishJob } from "./schedule-jobs";

/**
 * Called by save-draft inside its transaction, after the sequence row is updated (so locks are taken
 * sequence first, then schedule, like the worker's publish). An open schedule whose content hash the
 * new draft no longer has is cancelled with a visible reason; one whose hash still matches (an edit
 * undone) follows the new revision.
 */
export async function cancelStaleSchedules(
  tx: Tx,
  options: { actorId: string; sequenceId: string; sequenceName: string; revision: number; draft: unknown },
): Promise<void> {
  const open = await tx.$queryRaw<{ id: string; content_hash: string }[]>`
    SELECT id, content_hash FROM scheduled_publishes
    WHERE sequence_id = ${options.sequenceId}::uuid AND status = 'scheduled'
    FOR UPDATE`;
  if (open.length === 0) return;
  const validation = validateDraft(options.draft);
  const hash = validation.ok ? contentHash(validation.content) : null;
  for (const schedule of open) {
    if (schedule.content_hash === hash) {
      await tx.$executeRaw`
        UPDATE scheduled_publishes SET draft_revision = ${options.revision} WHERE id = ${schedule.id}::uuid`;
      continue;
    }
    await tx.$executeRaw`
      UPDATE scheduled_publishes SET status = 'cancelled', reason = ${DRAFT_CHANGED_REASON}, finished_at = now()
      WHERE id = ${schedule.id}::uuid`;
    await removeScheduledPublishJob(tx, schedule.id);
    await writeAudit(tx, {
      actorId: options.actorId,
      action: "sequence.cancel_scheduled_publish",
      entityType: "sequence",
      entityId: options.sequenceId,
      summary: `The scheduled publish of "${options.sequenceName}" was cancelled: the draft changed after scheduling`,
      detail: { scheduleId: schedule.id, reason: DRAFT_CHANGED_REASON, revision: options.revision },
    });
  }
}
