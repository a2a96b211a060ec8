import "server-only";
import { writeAudit } from "../audit";
import { db } from "../db";
import { lockSequence } from "./sequence-rows";

/** No new enrollments from now on; contacts already in flight continue on their pinned versions. */
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
    return { archived: true };
  });
}
