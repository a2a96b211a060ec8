"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { VersionDiffView } from "@/components/diff/version-diff-view";
import { LintFindings } from "@/components/publish/lint-findings";
import { ImpactSummary } from "@/components/sequences/impact-summary";
import { buttonClass } from "@/components/ui/button";
import { DateTime } from "@/components/ui/date-time";
import { ReadOnlySteps } from "@/components/versions/read-only-steps";
import { publishPlanAction } from "@/lib/actions/publish";
import { publishImpactAction } from "@/lib/actions/sequence-reads";
import type { Role } from "@/lib/domain/roles";
import { diffSettings, diffSteps } from "@/lib/domain/version-diff";
import type { ReviewDetail } from "@/lib/views/reviews";
import { ReviewComments } from "./review-comments";
import { ReviewDecision } from "./review-decision";
import { ReviewStatusBadge } from "./review-status-badge";

const CHANGE_WORDS = {
  none: "no change to the steps",
  content: "content only (wording)",
  timing: "a timing change",
  structural: "a structural change",
} as const;

/** A review request: what it asks to publish (diff), the guardrails, who is in flight, the discussion and the decision. */
export function ReviewDetailView({ review, me }: { review: ReviewDetail; me: { id: string; role: Role } }) {
  const isAuthor = me.id === review.requestedById;
  const isEditor = me.role === "admin" || me.role === "editor";
  const live = !review.draftMoved && (review.status === "open" || review.status === "approved");
  const plan = useQuery({
    queryKey: ["publish-plan-review", review.sequenceId, review.draftRevision],
    enabled: live,
    queryFn: async () => {
      const result = await publishPlanAction({ sequenceId: review.sequenceId });
      if (!result.ok) throw new Error(result.error);
      return result.data;
    },
  });
  const impact = useQuery({
    queryKey: ["publish-impact", review.sequenceId],
    enabled: live && review.active !== null,
    queryFn: async () => {
      const result = await publishImpactAction({ sequenceId: review.sequenceId });
      if (!result.ok) throw new Error(result.error);
      return result.data;
    },
  });
  const { content, active } = review;
  const diff = diffSteps(active?.content.steps ?? [], content.steps, {
    from: active?.content.settings,
    to: content.settings,
  });
  const nextLabel = plan.data ? `v${plan.data.nextNumber}` : "the next version";

  return (
    <div className="space-y-8">
      <section
        aria-labelledby="review-request"
        className="space-y-3 rounded-lg bg-white p-5 ring-1 ring-slate-200"
        data-testid="review-summary"
      >
        <div className="flex flex-wrap items-center gap-3">
          <h2 id="review-request" className="text-base font-semibold text-slate-900">
            Request
          </h2>
          <ReviewStatusBadge status={review.status} />
        </div>
        <p className="text-sm text-slate-700">
          <span className="font-medium text-slate-900">{review.requestedBy}</span> asked for a review on{" "}
          <DateTime value={review.createdAt} />
          {review.decidedBy && review.decidedAt ? (
            <>
              {" "}
              · decided by <span className="font-medium text-slate-900">{review.decidedBy}</span> on{" "}
              <DateTime value={review.decidedAt} />
            </>
          ) : null}
          .
        </p>
        <blockquote className="border-l-4 border-slate-200 pl-3 text-sm whitespace-pre-wrap text-slate-800">
          {review.note}
        </blockquote>
        {review.status === "stale" ? (
          <p role="status" className="rounded-md bg-amber-50 p-3 text-sm text-amber-950 ring-1 ring-amber-200">
            {review.decidedBy
              ? "Approval no longer applies: the draft changed after approval."
              : "This request no longer applies: the draft changed after it was requested."}{" "}
            The author can request a new review of the current draft.
          </p>
        ) : null}
        {review.status === "published" && review.publishedVersionNumber ? (
          <p className="text-sm text-slate-700">
            Published as{" "}
            <Link
              className="font-medium text-indigo-700 hover:underline"
              href={`/sequences/${review.sequenceId}/versions/${review.publishedVersionNumber}`}
            >
              v{review.publishedVersionNumber}
            </Link>
            .
          </p>
        ) : null}
        {review.status === "approved" && isAuthor ? (
          <p className="text-sm text-emerald-900">
            Approved: you can publish this draft now.{" "}
            <Link href={`/sequences/${review.sequenceId}`} className={buttonClass("primary", "sm")}>
              Open the sequence to publish
            </Link>
          </p>
        ) : null}
        {review.status === "open" && isAuthor ? (
          <p className="text-sm text-slate-600">You asked for this review: another editor or admin decides it.</p>
        ) : null}
        <ReviewDecision
          reviewId={review.id}
          canDecide={isEditor && !isAuthor && review.status === "open"}
          canWithdraw={(isAuthor || me.role === "admin") && (review.status === "open" || review.status === "approved")}
          versionLabel={nextLabel}
        />
      </section>

      {live ? (
        <section aria-labelledby="review-guardrails" className="space-y-3">
          <h2 id="review-guardrails" className="text-base font-semibold text-slate-900">
            Guardrails
          </h2>
          {plan.isError ? (
            <p role="alert" className="text-sm text-red-700">
              Could not check the guardrails: {plan.error.message}
            </p>
          ) : plan.data?.lint ? (
            <LintFindings findings={plan.data.lint.findings} audience={plan.data.lint.audience} acknowledged={false} />
          ) : (
            <p className="text-sm text-slate-600">Checking the guardrails…</p>
          )}
          {active ? (
            <>
              {plan.data?.active ? (
                <p className="text-sm text-slate-700">
                  Compared with v{active.number} (active), this draft is {CHANGE_WORDS[plan.data.active.change]}. The
                  author chooses at publish whether in-flight contacts stay on their version (the default).
                </p>
              ) : null}
              <ImpactSummary query={impact} />
            </>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="review-changes" className="space-y-3">
        <h2 id="review-changes" className="text-base font-semibold text-slate-900">
          {active ? `Changes from v${active.number} (active) to the reviewed draft` : "What v1 will contain"}
        </h2>
        {active ? (
          <VersionDiffView
            diff={diff}
            fromLabel={`v${active.number}`}
            toLabel="Reviewed draft"
            settingsChanges={diffSettings(active.content.settings, content.settings)}
          />
        ) : (
          <ReadOnlySteps steps={content.steps} settings={content.settings} />
        )}
      </section>

      <ReviewComments reviewId={review.id} comments={review.comments} canComment={isEditor} />
    </div>
  );
}
