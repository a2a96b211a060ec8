import { Badge, type Tone } from "@/components/ui/badge";
import { REVIEW_STATUS_LABELS, type ReviewStatus } from "@/lib/domain/review-policy";

const TONES: Record<ReviewStatus, Tone> = {
  open: "sky",
  approved: "green",
  changes_requested: "amber",
  withdrawn: "slate",
  stale: "slate",
  published: "indigo",
};

export function ReviewStatusBadge({ status }: { status: ReviewStatus }) {
  return (
    <Badge tone={TONES[status]}>
      <span data-testid="review-status" data-status={status}>
        {REVIEW_STATUS_LABELS[status]}
      </span>
    </Badge>
  );
}
