import Link from "next/link";
import { DateTime } from "@/components/ui/date-time";
import type { ReviewGateView } from "@/lib/views/reviews";
import { ReviewStatusBadge } from "./review-status-badge";

/** On the sequence page: the newest review request's state, and whether the draft needs one to publish. */
export function ReviewStateBanner({ sequenceId, gate }: { sequenceId: string; gate: ReviewGateView }) {
  const latest = gate.latest;
  const showLatest = latest && latest.status !== "published" && latest.status !== "withdrawn";
  if (!showLatest && !gate.required) return null;
  return (
    <div
      className="mb-4 flex flex-wrap items-center gap-3 rounded-lg bg-sky-50 px-4 py-3 text-sm text-sky-950 ring-1 ring-sky-200"
      data-testid="review-banner"
    >
      {showLatest ? (
        <>
          <ReviewStatusBadge status={latest.status} />
          <span>
            Review requested by {latest.requestedBy} on <DateTime value={latest.createdAt} />
            {latest.decidedBy ? `, decided by ${latest.decidedBy}` : ""}.
            {latest.status === "stale" ? " The draft changed since: a new review is needed to publish it." : ""}
          </span>
          <Link
            href={`/sequences/${sequenceId}/reviews/${latest.id}`}
            className="font-medium text-indigo-700 underline-offset-2 hover:underline"
          >
            Open the review
          </Link>
        </>
      ) : (
        <span>Publishing this draft needs an approved review: {gate.reason}.</span>
      )}
    </div>
  );
}
