import "server-only";
import { writeAudit } from "../audit";
import { db } from "../db";
import { DomainError } from "../errors";
import { notifyUsers } from "../notifications/notify-users";
import { lockSequence } from "../sequences/sequence-rows";
import { draftIdentity, lockReview, reviewLink } from "./review-rows";

export type ReviewDecision = "approve" | "request_changes";

/**
 * Another editor or admin approves or sends back an open request. The author cannot decide their
 * own (also a CHECK in the database); a request whose draft has changed since cannot be approved.
 */
export async function decideReview(options: {
  actorId: string;
  reviewId: string;
  decision: ReviewDecision;
  comment?: string;
}): Promise<{ status: "approved" | "changes_requested" }> {
  return db().$transaction(async (tx) => {
    const review = await lockReview(tx, options.reviewId);
    if (review.requested_by_id === options.actorId) {
      throw new DomainError(
        "You asked for this review, so you cannot decide it: another editor or admin has to.",
        "forbidden",
      );
    }
    if (review.status !== "open") {
      throw new DomainError(`This review is no longer open (${review.status.replace("_", " ")}).`, "conflict");
    }
    // Same lock order as a draft save and a publish: sequence, then the decision.
    const sequence = await lockSequence(tx, review.sequence_id);
    const draft = draftIdentity(sequence);
    if (
      options.decision === "approve" &&
      (draft.revision !== review.draft_revision || draft.contentHash !== review.content_hash)
    ) {
      throw new DomainError(
        "The draft changed after this review was requested, so this approval would not apply. Ask the author to request a new review.",
        "conflict",
      );
    }
    const status = options.decision === "approve" ? "approved" : "changes_requested";
    await tx.publishReview.update({
      where: { id: review.id },
      data: { status, decidedById: options.actorId, decidedAt: new Date() },
    });
    const comment = options.comment?.trim();
    if (comment)
      await tx.publishReviewComment.create({ data: { reviewId: review.id, authorId: options.actorId, body: comment } });
    const actor = await tx.user.findUnique({ where: { id: options.actorId }, select: { name: true } });
    await notifyUsers(tx, {
      userIds: [review.requested_by_id],
      actorId: options.actorId,
      kind: status === "approved" ? "review.approved" : "review.changes_requested",
      title:
        status === "approved"
          ? `${actor?.name ?? "A reviewer"} approved your changes to "${sequence.name}"`
          : `${actor?.name ?? "A reviewer"} asked for changes to "${sequence.name}"`,
      link: reviewLink(sequence.id, review.id),
    });
    await writeAudit(tx, {
      actorId: options.actorId,
      action: status === "approved" ? "review.approve" : "review.request_changes",
      entityType: "sequence",
      entityId: sequence.id,
      summary: `${status === "approved" ? "Approved" : "Requested changes to"} the review of "${sequence.name}"`,
      detail: { reviewId: review.id, draftRevision: review.draft_revision, contentHash: review.content_hash },
    });
    return { status };
  });
}
