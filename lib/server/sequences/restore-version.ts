import "server-only";
import { writeAudit } from "../audit";
import { db } from "../db";
import { DomainError } from "../errors";
import { cancelStaleSchedules } from "../scheduled-publish/cancel-stale-schedules";
import { lockSequence, parseVersionContent } from "./sequence-rows";

/** Copies a published version into the draft (rollback = restore, then publish). The version itself is untouched. */
export async function restoreVersion(options: { actorId: string; sequenceId: string; versionId: string }) {
  return db().$transaction(async (tx) => {
    const sequence = await lockSequence(tx, options.sequenceId);
    if (sequence.status === "archived")
      throw new DomainError("This sequence is archived; its draft can no longer be edited.", "conflict");
    const version = await tx.sequenceVersion.findFirst({
      where: { id: options.versionId, sequenceId: sequence.id },
      select: { number: true, content: true },
    });
    if (!version) throw new DomainError("That version does not belong to this sequence.", "not_found");
    const content = parseVersionContent(version.content);
    const updated = await tx.sequence.update({
      where: { id: sequence.id },
      data: {
        draft: content,
        draftRevision: { increment: 1 },
        draftSavedById: options.actorId,
        draftSavedAt: new Date(),
        updatedById: options.actorId,
      },
      select: { draftRevision: true },
    });
    await writeAudit(tx, {
      actorId: options.actorId,
      action: "sequence.restore",
      entityType: "sequence",
      entityId: sequence.id,
      summary: `Restored v${version.number} of "${sequence.name}" into the draft`,
      detail: { versionId: options.versionId, number: version.number },
    });
    await cancelStaleSchedules(tx, {
      actorId: options.actorId,
      sequenceId: sequence.id,
      sequenceName: sequence.name,
      revision: updated.draftRevision,
      draft: content,
    });
    return { revision: updated.draftRevision, number: version.number };
  });
}
