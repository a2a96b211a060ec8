import "server-only";
import { writeAudit } from "../audit";
import { db } from "../db";
import { notifyUsers } from "../notifications/notify-users";
import { lockReview, reviewLink } from "./review-rows";

/** A comment on a review; the author and everyone else in the discussion (the commenter excepted) are notified. */
export async function commentOnReview(options: {
  actorId: string;
  reviewId: string;
  body: string;
}): Promise<{ commentId: string }> {
  return db().$transaction(async (tx) => {
    const review = await lockReview(tx, options.reviewId);
    const comment = await tx.publishReviewComment.create({
      data: { reviewId: review.id, authorId: options.actorId, body: options.body },
      select: { id: true },
    });
    const [others, decided, sequence, actor] = await Promise.all([
      tx.publishReviewComment.findMany({
        where: { reviewId: review.id },
        select: { authorId: true },
        distinct: ["authorId"],
      }),
      tx.publishReview.findUnique({ where: { id: review.id }, select: { decidedById: true } }),
      tx.sequence.findUnique({ where: { id: review.sequence_id }, select: { name: true } }),
      tx.user.findUnique({ where: { id: options.actorId }, select: { name: true } }),
    ]);
    const participants = [review.requested_by_id, ...others.map((c) => c.authorId)];
    if (decided?.decidedById) participants.push(decided.decidedById);
    await notifyUsers(tx, {
      userIds: participants,
      actorId: options.actorId,
      kind: "review.comment",
      title: `${actor?.name ?? "Someone"} commented on the review of "${sequence?.name ?? "a sequence"}"`,
      link: reviewLink(review.sequence_id, review.id),
    });
    await writeAudit(tx, {
      actorId: options.actorId,
      action: "review.comment",
      entityType: "sequence",
      entityId: review.sequence_id,
      summary: `Commented on the review of "${sequence?.name ?? ""}"`,
      detail: { reviewId: review.id, commentId: comment.id },
    });
    return { commentId: comment.id };
  });
}
