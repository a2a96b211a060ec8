// What review pages, the publish dialog and the bell hand to their components (type-only).
import type { ReviewPolicy, ReviewStatus } from "@/lib/domain/review-policy";
import type { VersionContent } from "@/lib/domain/steps";

export type ReviewSummary = {
  id: string;
  /** As shown: an open or approved request for an older draft reads "stale". */
  status: ReviewStatus;
  note: string;
  requestedById: string;
  requestedBy: string;
  decidedBy: string | null;
  decidedAt: Date | null;
  createdAt: Date;
};

/** Whether the saved draft needs a review to publish, and whether it has one. */
export type ReviewGateView = {
  revision: number;
  policy: ReviewPolicy;
  required: boolean;
  reason: string | null;
  /** The approval that lets exactly this draft be published. */
  approval: { reviewId: string; decidedBy: string | null } | null;
  /** The newest request for this sequence, any status. */
  latest: ReviewSummary | null;
};

export type ReviewComment = { id: string; author: string; authorId: string; body: string; createdAt: Date };

export type ReviewDetail = ReviewSummary & {
  sequenceId: string;
  sequenceName: string;
  /** What the author asked to have reviewed. */
  content: VersionContent;
  draftRevision: number;
  /** The draft was saved again after the request. */
  draftMoved: boolean;
  active: { number: number; content: VersionContent } | null;
  publishedVersionNumber: number | null;
  comments: ReviewComment[];
};

export type NotificationItem = {
  id: string;
  kind: string;
  title: string;
  link: string;
  readAt: Date | null;
  createdAt: Date;
};
export type NotificationList = { unread: number; items: NotificationItem[] };
