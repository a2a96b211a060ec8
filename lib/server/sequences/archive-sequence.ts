import "server-only";
import { writeAudit } from "../audit";
import { db } from "../db";
import { cancelSchedulesOnArchive } from "../scheduled-publish/cancel-schedules-on-archive";
import { lockSequence } from "./sequence-rows";

/**
 * No new enrollments and no scheduled publish from now on (open schedules are cancelled with the
 * reason); contacts already in flight continue on their pinned versions.
 */
export async function archiveSequence(options: { actorId: string; sequenceId: string }) {
  return db().$transaction(async (tx) => {
    const sequence = await lockSequence(tx, options.sequenceId);
    if (sequence.status === "archived") return { archived: false };
    await tx.sequence.update({
      where: { id: sequence.id },
      data: { status: "archived", archivedAt: new Date(), updatedById: options.actorId },
    });
    await writeAudit(tx, {
      actorId: options.actorId,
      action: "sequence.archive",
      entityType: "sequence",
      entityId: sequence.id,
      summary: `Archived "${sequence.name}"`,
    });
    await cancelSchedulesOnArchive(tx, {
      actorId: options.actorId,
      sequenceId: sequence.id,
      sequenceName: sequence.name,
    });
    return { archived: true };
  });
}
