import "server-only";
import type { Role } from "@/lib/domain/roles";
import { writeAudit } from "../audit";
import { db } from "../db";
import { DomainError } from "../errors";
import { lockReview } from "./review-rows";

/** The author (or an admin) withdraws an open or approved request; it can then no longer be used to publish. */
export async function withdrawReview(options: { actorId: string; actorRole: Role; reviewId: string }) {
  return db().$transaction(async (tx) => {
    const review = await lockReview(tx, options.reviewId);
    if (review.requested_by_id !== options.actorId && options.actorRole !== "admin")
      throw new DomainError("Only the author of a review request (or an admin) can withdraw it.", "forbidden");
    if (review.status !== "open" && review.status !== "approved")
      throw new DomainError("This review is already closed.", "conflict");
    await tx.publishReview.update({ where: { id: review.id }, data: { status: "withdrawn", decidedAt: new Date() } });
    await writeAudit(tx, {
      actorId: options.actorId,
      action: "review.withdraw",
      entityType: "sequence",
      entityId: review.sequence_id,
      summary: "Withdrew a review request",
      detail: { reviewId: review.id },
    });
    return { withdrawn: true };
  });
}
