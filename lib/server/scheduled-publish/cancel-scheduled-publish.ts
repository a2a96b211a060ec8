import "server-only";
import { scheduleStatusLabel } from "@/lib/domain/scheduled-publish";
import { writeAudit } from "../audit";
import { db } from "../db";
import { DomainError } from "../errors";
import { removeScheduledPublishJob } from "./schedule-jobs";

/** Cancels an open schedule (a person's decision, with their name on it). */
export async function cancelScheduledPublish(options: { actorId: string; scheduleId: string }): Promise<void> {
  await db().$transaction(async (tx) => {
    const actor = await tx.user.findUniqueOrThrow({ where: { id: options.actorId }, select: { name: true } });
    const reason = `Cancelled by ${actor.name}.`;
    // The row lock makes this and the worker's claim (FOR UPDATE SKIP LOCKED) exclusive: one wins.
    const rows = await tx.$queryRaw<{ id: string; sequence_id: string; name: string }[]>`
      UPDATE scheduled_publishes s
      SET status = 'cancelled', reason = ${reason}, cancelled_by_id = ${options.actorId}::uuid, finished_at = now()
      FROM sequences q
      WHERE s.id = ${options.scheduleId}::uuid AND s.status = 'scheduled' AND q.id = s.sequence_id
      RETURNING s.id, s.sequence_id, q.name`;
    const row = rows[0];
    if (!row) {
      const current = await tx.scheduledPublish.findUnique({
        where: { id: options.scheduleId },
        select: { status: true },
      });
      if (!current) throw new DomainError("That scheduled publish does not exist.", "not_found");
      throw new DomainError(
        `This scheduled publish is no longer open (${scheduleStatusLabel(current.status).toLowerCase()}).`,
        "conflict",
      );
    }
    await removeScheduledPublishJob(tx, row.id);
    await writeAudit(tx, {
      actorId: options.actorId,
      action: "sequence.cancel_scheduled_publish",
      entityType: "sequence",
      entityId: row.sequence_id,
      summary: `Cancelled the scheduled publish of "${row.name}"`,
      detail: { scheduleId: row.id, reason },
    });
  });
}
