"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { REVIEW_LIMITS } from "@/lib/domain/review-policy";
import { defineAction } from "@/lib/server/action-client";
import { commentOnReview } from "@/lib/server/reviews/comment-on-review";
import { decideReview } from "@/lib/server/reviews/decide-review";
import { findReviewGate } from "@/lib/server/reviews/find-review-gate";
import { requestReview } from "@/lib/server/reviews/request-review";
import { reviewLink } from "@/lib/server/reviews/review-rows";
import { withdrawReview } from "@/lib/server/reviews/withdraw-review";

const sequenceId = z.uuid("Unknown sequence");
const reviewId = z.uuid("Unknown review");
const note = z
  .string()
  .trim()
  .min(1, "Write a note for the reviewer: what changed and why")
  .max(REVIEW_LIMITS.note, `Note must be at most ${REVIEW_LIMITS.note} characters`);
const comment = z
  .string()
  .trim()
  .max(REVIEW_LIMITS.comment, `A comment must be at most ${REVIEW_LIMITS.comment} characters`);

/** The publish dialog's question: does this draft need a review, and does it have one? (A read.) */
export const reviewGateAction = defineAction({
  name: "reviews.gate",
  role: "viewer",
  input: z.object({ sequenceId }),
  handler: async (input) => findReviewGate(input.sequenceId),
});

export const requestReviewAction = defineAction({
  name: "reviews.request",
  role: "editor",
  input: z.object({ sequenceId, note, expectedRevision: z.number().int().min(0) }),
  handler: async (input, { user }) => {
    const result = await requestReview({ actorId: user.id, ...input });
    revalidatePath(`/sequences/${input.sequenceId}`);
    return { ...result, link: reviewLink(input.sequenceId, result.reviewId) };
  },
});

export const decideReviewAction = defineAction({
  name: "reviews.decide",
  role: "editor",
  input: z.object({ reviewId, decision: z.enum(["approve", "request_changes"]), comment: comment.optional() }),
  handler: async (input, { user }) => {
    const result = await decideReview({ actorId: user.id, ...input });
    revalidatePath("/sequences", "layout");
    return result;
  },
});

export const commentOnReviewAction = defineAction({
  name: "reviews.comment",
  role: "editor",
  input: z.object({ reviewId, body: comment.min(1, "Write a comment") }),
  handler: async (input, { user }) => {
    const result = await commentOnReview({ actorId: user.id, ...input });
    revalidatePath("/sequences", "layout");
    return result;
  },
});

export const withdrawReviewAction = defineAction({
  name: "reviews.withdraw",
  role: "editor",
  input: z.object({ reviewId }),
  handler: async (input, { user }) => {
    const result = await withdrawReview({ actorId: user.id, actorRole: user.role, ...input });
    revalidatePath("/sequences", "layout");
    return result;
  },
});
