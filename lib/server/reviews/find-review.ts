import "server-only";
import { effectiveReviewStatus } from "@/lib/domain/review-policy";
import type { ReviewDetail } from "@/lib/views/reviews";
import { db } from "../db";
import { parseVersionContent } from "../sequences/sequence-rows";
import { draftIdentity } from "./review-rows";

/** One review with its discussion, the content it is about and the active version to compare with; null if unknown. */
export async function findReview(sequenceId: string, reviewId: string): Promise<ReviewDetail | null> {
  const review = await db().publishReview.findFirst({
    where: { id: reviewId, sequenceId },
    select: {
      id: true,
      status: true,
      note: true,
      draftRevision: true,
      contentHash: true,
      content: true,
      requestedById: true,
      requestedBy: { select: { name: true } },
      decidedBy: { select: { name: true } },
      decidedAt: true,
      createdAt: true,
      publishedVersion: { select: { number: true } },
      sequence: {
        select: {
          id: true,
          name: true,
          draft: true,
          draftRevision: true,
          activeVersion: { select: { number: true, content: true } },
        },
      },
      comments: {
        orderBy: { createdAt: "asc" },
        select: { id: true, body: true, createdAt: true, authorId: true, author: { select: { name: true } } },
      },
    },
  });
  if (!review) return null;
  const draft = draftIdentity({ draft: review.sequence.draft, draft_revision: review.sequence.draftRevision });
  const draftMoved = draft.revision !== review.draftRevision || draft.contentHash !== review.contentHash;
  return {
    id: review.id,
    status: effectiveReviewStatus(review, draft),
    note: review.note,
    requestedById: review.requestedById,
    requestedBy: review.requestedBy.name,
    decidedBy: review.decidedBy?.name ?? null,
    decidedAt: review.decidedAt,
    createdAt: review.createdAt,
    sequenceId: review.sequence.id,
    sequenceName: review.sequence.name,
    content: parseVersionContent(review.content),
    draftRevision: review.draftRevision,
    draftMoved,
    active: review.sequence.activeVersion
      ? {
          number: review.sequence.activeVersion.number,
          content: parseVersionContent(review.sequence.activeVersion.content),
        }
      : null,
    publishedVersionNumber: review.publishedVersion?.number ?? null,
    comments: review.comments.map((c) => ({
      id: c.id,
      author: c.author.name,
      authorId: c.authorId,
      body: c.body,
      createdAt: c.createdAt,
    })),
  };
}
