import type { ChangeClass } from "./change-class";

/** Four-eyes publishing, set by an admin in Settings > Organization. */
export const REVIEW_POLICIES = ["off", "always", "structural_or_over_n"] as const;
export type ReviewPolicy = (typeof REVIEW_POLICIES)[number];

export const REVIEW_THRESHOLD_MAX = 10_000_000;

export const REVIEW_STATUSES = ["open", "approved", "changes_requested", "withdrawn", "stale", "published"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const REVIEW_LIMITS = { note: 1000, comment: 2000 } as const;

export const REVIEW_POLICY_LABELS: Record<ReviewPolicy, string> = {
  off: "Off: editors publish without review",
  always: "Always: every publish needs another editor's approval",
  structural_or_over_n: "For structural changes, or when many contacts are in flight",
};

export type ReviewRequirement = { required: false } | { required: true; reason: string };

/**
 * Whether this publish needs an approved review. `change` is the change from the active version
 * (null on a first publish, which is all new and so counts as structural); `inFlight` is the
 * number of contacts in flight in the sequence (on any version).
 */
export function reviewRequirement(input: {
  policy: ReviewPolicy;
  threshold: number;
  change: ChangeClass | null;
  inFlight: number;
}): ReviewRequirement {
  switch (input.policy) {
    case "off":
      return { required: false };
    case "always":
      return { required: true, reason: "your organisation requires a review for every publish" };
    case "structural_or_over_n": {
      if (input.change === null)
        return { required: true, reason: "a first publish is a structural change, which needs a review" };
      if (input.change === "structural")
        return {
          required: true,
          reason: "this change is structural (steps added, removed, moved or retyped, or settings)",
        };
      if (input.inFlight > input.threshold)
        return {
          required: true,
          reason: `${input.inFlight.toLocaleString("en-US")} contacts are in flight, more than the review threshold of ${input.threshold.toLocaleString("en-US")}`,
        };
      return { required: false };
    }
    default: {
      const never: never = input.policy;
      return never;
    }
  }
}

/**
 * An approval covers exactly the draft it was given for: the same saved revision and the same
 * content hash. Any later save of the draft (even one back to the same content) voids it.
 */
export function approvalApplies(
  review: { status: ReviewStatus; draftRevision: number; contentHash: string },
  draft: { revision: number; contentHash: string | null },
): boolean {
  return (
    review.status === "approved" &&
    review.draftRevision === draft.revision &&
    draft.contentHash !== null &&
    review.contentHash === draft.contentHash
  );
}

/** An open or approved request whose draft has moved on is stale (shown so; it can no longer be approved or used). */
export function effectiveReviewStatus(
  review: { status: ReviewStatus; draftRevision: number; contentHash: string },
  draft: { revision: number; contentHash: string | null },
): ReviewStatus {
  if (review.status !== "open" && review.status !== "approved") return review.status;
  const current = review.draftRevision === draft.revision && review.contentHash === draft.contentHash;
  return current ? review.status : "stale";
}

export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = {
  open: "Waiting for review",
  approved: "Approved",
  changes_requested: "Changes requested",
  withdrawn: "Withdrawn",
  stale: "Stale: the draft changed",
  published: "Published",
};
