"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { LimitedTextArea } from "@/components/ui/limited-text";
import { decideReviewAction, withdrawReviewAction } from "@/lib/actions/reviews";
import { REVIEW_LIMITS } from "@/lib/domain/review-policy";

type Pending = "approve" | "request_changes" | "withdraw";

/** Approve / Request changes (another editor or admin) and Withdraw (the author), each behind a confirmation. */
export function ReviewDecision({
  reviewId,
  canDecide,
  canWithdraw,
  versionLabel,
}: {
  reviewId: string;
  canDecide: boolean;
  canWithdraw: boolean;
  versionLabel: string;
}) {
  const router = useRouter();
  const [asking, setAsking] = useState<Pending | null>(null);
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function confirm() {
    if (!asking) return;
    setPending(true);
    setError(null);
    const result =
      asking === "withdraw"
        ? await withdrawReviewAction({ reviewId })
        : await decideReviewAction({ reviewId, decision: asking, comment: comment.trim() || undefined });
    setPending(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setAsking(null);
    setComment("");
    router.refresh();
  }

  if (!canDecide && !canWithdraw) return null;
  return (
    <div className="flex flex-wrap gap-2" data-testid="review-actions">
      {canDecide ? (
        <>
          <Button onClick={() => setAsking("approve")} data-testid="review-approve">
            Approve…
          </Button>
          <Button variant="secondary" onClick={() => setAsking("request_changes")} data-testid="review-request-changes">
            Request changes…
          </Button>
        </>
      ) : null}
      {canWithdraw ? (
        <Button variant="secondary" onClick={() => setAsking("withdraw")}>
          Withdraw request…
        </Button>
      ) : null}
      <ConfirmDialog
        open={asking !== null}
        title={
          asking === "approve"
            ? "Approve these changes?"
            : asking === "request_changes"
              ? "Send these changes back?"
              : "Withdraw this review request?"
        }
        confirmLabel={asking === "approve" ? "Approve" : asking === "request_changes" ? "Request changes" : "Withdraw"}
        tone={asking === "withdraw" ? "danger" : "primary"}
        pending={pending}
        error={error}
        onConfirm={() => void confirm()}
        onClose={() => {
          setAsking(null);
          setError(null);
        }}
      >
        <p>
          {asking === "approve"
            ? `The author can then publish exactly this draft as ${versionLabel}. Any later change to the draft voids the approval.`
            : asking === "request_changes"
              ? "The author is notified and cannot publish this draft until a new review is approved."
              : "Nobody can approve or publish with this request any more."}
        </p>
        {asking === "approve" || asking === "request_changes" ? (
          <div className="mt-3 space-y-1">
            <label htmlFor="decision-comment" className="block text-sm font-medium text-slate-700">
              Comment (optional)
            </label>
            <LimitedTextArea
              id="decision-comment"
              rows={3}
              max={REVIEW_LIMITS.comment}
              label="Comment"
              value={comment}
              onValueChange={setComment}
            />
          </div>
        ) : null}
      </ConfirmDialog>
    </div>
  );
}
