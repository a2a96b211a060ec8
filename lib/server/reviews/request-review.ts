import "server-only";
import { writeAudit } from "../audit";
import { db } from "../db";
import { DomainError } from "../errors";
import { notifyUsers, reviewerIds } from "../notifications/notify-users";
import { lockSequence } from "../sequences/sequence-rows";
import { draftIdentity, reviewLink } from "./review-rows";

/**
 * An editor asks for a review of the saved draft as it is now (revision + content hash + a copy
 * of the content). An open request for an older draft becomes stale; every other editor and admin
 * is notified.
 */
export async function requestReview(options: {
  actorId: string;
  sequenceId: string;
  note: string;
  expectedRevision?: number;
}): Promise<{ reviewId: string }> {
  return db().$transaction(async (tx) => {
    const sequence = await lockSequence(tx, options.sequenceId);
    if (sequence.status === "archived") throw new DomainError("This sequence is archived.", "conflict");
    if (options.expectedRevision !== undefined && options.expectedRevision !== sequence.draft_revision) {
      throw new DomainError(
        "The draft changed after you opened the dialog. Look at the new changes and request the review again.",
        "conflict",
      );
    }
    const draft = draftIdentity(sequence);
    if (!draft.contentHash || !draft.content)
      throw new DomainError("Fix the draft's problems before asking for a review.", "invalid");
    if (sequence.active_version_id) {
      const active = await tx.sequenceVersion.findUnique({
        where: { id: sequence.active_version_id },
        select: { contentHash: true },
      });
      if (active?.contentHash === draft.contentHash)
        throw new DomainError("The draft is the same as the active version: there is nothing to review.", "conflict");
    }
    const open = await tx.publishReview.findFirst({
      where: { sequenceId: sequence.id, status: "open" },
      select: { id: true, draftRevision: true, contentHash: true },
    });
    if (open && open.draftRevision === draft.revision && open.contentHash === draft.contentHash) {
      throw new DomainError("A review of this draft is already open.", "conflict", { reviewId: open.id });
    }
    if (open) await tx.publishReview.update({ where: { id: open.id }, data: { status: "stale" } });
    const review = await tx.publishReview.create({
      data: {
        sequenceId: sequence.id,
        draftRevision: draft.revision,
        contentHash: draft.contentHash,
        content: draft.content,
        requestedById: options.actorId,
        note: options.note,
      },
      select: { id: true },
    });
    const actor = await tx.user.findUnique({ where: { id: options.actorId }, select: { name: true } });
    await notifyUsers(tx, {
      userIds: await reviewerIds(tx),
      actorId: options.actorId,
      kind: "review.requested",
      title: `${actor?.name ?? "Someone"} asks you to review "${sequence.name}"`,
      link: reviewLink(sequence.id, review.id),
    });
    await writeAudit(tx, {
      actorId: options.actorId,
      action: "review.request",
      entityType: "sequence",
      entityId: sequence.id,
      summary: `Requested a review of "${sequence.name}"`,
      detail: {
        reviewId: review.id,
        draftRevision: draft.revision,
        contentHash: draft.contentHash,
        note: options.note,
        supersedes: open?.id ?? null,
      },
    });
    return { reviewId: review.id };
  });
}
