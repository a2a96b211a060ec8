import Link from "next/link";
import type { ReviewGateView } from "@/lib/views/reviews";

/** In the publish dialog: whether this draft needs a review, and where its review stands. */
export function ReviewGateNotice({
  sequenceId,
  gate,
  requested,
}: {
  sequenceId: string;
  gate: ReviewGateView;
  /** Link to the review just requested from the dialog. */
  requested: string | null;
}) {
  if (gate.approval) {
    return (
      <p
        className="rounded-lg bg-emerald-50 p-3 text-sm text-emerald-900 ring-1 ring-emerald-200"
        data-testid="review-gate"
        data-state="approved"
      >
        Approved{gate.approval.decidedBy ? ` by ${gate.approval.decidedBy}` : ""}: this exact draft may be published.{" "}
        <Link className="font-medium underline" href={`/sequences/${sequenceId}/reviews/${gate.approval.reviewId}`}>
          Open the review
        </Link>
      </p>
    );
  }
  if (!gate.required) return null;
  const latest = gate.latest;
  const link = requested ?? (latest ? `/sequences/${sequenceId}/reviews/${latest.id}` : null);
  return (
    <section
      aria-labelledby="review-gate-title"
      className="rounded-lg bg-sky-50 p-4 text-sm text-sky-950 ring-1 ring-sky-200"
      data-testid="review-gate"
      data-state={requested ? "requested" : (latest?.status ?? "none")}
    >
      <h3 id="review-gate-title" className="font-semibold">
        This publish needs a review
      </h3>
      <p className="mt-1">
        Another editor or admin has to approve this draft first: {gate.reason}. Any change to the draft after the
        approval needs a new one.
      </p>
      {requested ? (
        <p role="status" className="mt-2 font-medium">
          Review requested. Reviewers are notified; you can publish once it is approved.{" "}
          <Link className="underline" href={requested}>
            Open the review
          </Link>
        </p>
      ) : latest?.status === "open" ? (
        <p className="mt-2">
          A review of this draft is waiting for a decision.{" "}
          {link ? (
            <Link className="font-medium underline" href={link}>
              Open the review
            </Link>
          ) : null}
        </p>
      ) : latest?.status === "changes_requested" ? (
        <p className="mt-2">
          {latest.decidedBy ?? "A reviewer"} asked for changes to the last request.{" "}
          {link ? (
            <Link className="font-medium underline" href={link}>
              Read the comments
            </Link>
          ) : null}{" "}
          Request a new review once the draft is ready.
        </p>
      ) : latest?.status === "stale" ? (
        <p className="mt-2">
          {latest.decidedBy
            ? "Approval no longer applies: the draft changed after approval."
            : "The last request was for an older draft."}{" "}
          Request a review of the draft as it is now.
        </p>
      ) : (
        <p className="mt-2">Write a note for the reviewer below and request the review.</p>
      )}
    </section>
  );
}
