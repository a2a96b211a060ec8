"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { VersionDiffView } from "@/components/diff/version-diff-view";
import { InFlightChoicePanel } from "@/components/publish/in-flight-choice";
import { LintFindings } from "@/components/publish/lint-findings";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, TextArea } from "@/components/ui/field";
import { plural } from "@/components/ui/format";
import { ReadOnlySteps } from "@/components/versions/read-only-steps";
import { publishPlanAction, publishWithPlanAction } from "@/lib/actions/publish";
import { requestReviewAction, reviewGateAction } from "@/lib/actions/reviews";
import { publishImpactAction } from "@/lib/actions/sequence-reads";
import type { DraftContent } from "@/lib/domain/draft";
import type { InFlightChoice } from "@/lib/domain/lint/publish-record";
import type { Step } from "@/lib/domain/steps";
import type { DraftError, DraftValidation } from "@/lib/domain/validate-draft";
import type { ScheduleSettings } from "@/lib/domain/schedule-labels";
import { diffSteps } from "@/lib/domain/version-diff";
import { ReviewGateNotice } from "@/components/reviews/review-gate-notice";
import { ImpactSummary } from "./impact-summary";

export type PublishOutcome = { number: number; created: boolean; detail?: string };

function describeError(e: DraftError, steps: DraftContent["steps"]): string {
  if (e.stepIndex === null) return e.message;
  const type = steps[e.stepIndex]?.type ?? "step";
  return `Step ${e.stepIndex + 1} (${type}) · ${e.field}: ${e.message}`;
}

function draftErrorsOf(details: unknown): DraftError[] | null {
  if (typeof details !== "object" || details === null || !("draftErrors" in details)) return null;
  const errors = (details as { draftErrors: unknown }).draftErrors;
  return Array.isArray(errors) ? (errors as DraftError[]) : null;
}

/**
 * Publishing is the one irreversible step, so the dialog shows exactly what changes (same diff
 * as the diff page), the guardrails (errors block, warnings need a tick), where the contacts in
 * flight are and what happens to them (kept pinned by default), and insists on a note. The draft
 * revision it reviewed is sent along so a concurrent edit cannot sneak in.
 */
export function PublishDialog({
  open,
  onClose,
  onPublished,
  sequenceId,
  active,
  draft,
  validation,
  revision,
  saving,
}: {
  open: boolean;
  onClose: () => void;
  onPublished: (outcome: PublishOutcome) => void;
  sequenceId: string;
  active: { number: number; steps: Step[]; settings?: ScheduleSettings } | null;
  draft: DraftContent;
  validation: DraftValidation;
  revision: number;
  saving: boolean;
}) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const [note, setNote] = useState("");
  const [noteError, setNoteError] = useState<string | null>(null);
  const [serverErrors, setServerErrors] = useState<DraftError[] | null>(null);
  const [acknowledged, setAcknowledged] = useState(false);
  const [choice, setChoice] = useState<InFlightChoice>("keep");

  const impact = useQuery({
    queryKey: ["publish-impact", sequenceId],
    enabled: open,
    queryFn: async () => {
      const result = await publishImpactAction({ sequenceId });
      if (!result.ok) throw new Error(result.error);
      return result.data;
    },
  });
  const plan = useQuery({
    queryKey: ["publish-plan", sequenceId, revision],
    enabled: open && !saving,
    queryFn: async () => {
      const result = await publishPlanAction({ sequenceId });
      if (!result.ok) throw new Error(result.error);
      return result.data;
    },
  });

  // Four-eyes: when the organisation's policy asks for a review and this exact draft has no
  // approval, the dialog offers "Request review" instead of Publish (the service refuses anyway).
  const gate = useQuery({
    queryKey: ["review-gate", sequenceId, revision],
    enabled: open && !saving,
    queryFn: async () => {
      const result = await reviewGateAction({ sequenceId });
      if (!result.ok) throw new Error(result.error);
      return result.data;
    },
  });
  const gateCurrent = gate.data !== undefined && gate.data.revision === revision;
  const needsReview = gateCurrent && gate.data.required && gate.data.approval === null;
  const reviewPending = needsReview && gate.data.latest?.status === "open";
  const requestReview = useMutation({
    mutationFn: async () => {
      const result = await requestReviewAction({ sequenceId, note, expectedRevision: revision });
      if (!result.ok) throw new Error(result.error);
      return result.data;
    },
    onSuccess: () => {
      setNote("");
      void queryClient.invalidateQueries({ queryKey: ["review-gate", sequenceId] });
      router.refresh();
    },
  });

  const findings = plan.data?.lint?.findings ?? [];
  const lintErrors = findings.filter((f) => f.severity === "error");
  const warnings = findings.filter((f) => f.severity === "warning");
  const nextNumber = plan.data?.nextNumber ?? (active ? active.number + 1 : 1);
  const planCurrent = plan.data !== undefined && plan.data.revision === revision;

  const publish = useMutation({
    mutationFn: async () => {
      const result = await publishWithPlanAction({
        sequenceId,
        note,
        expectedRevision: revision,
        acknowledgedWarnings: acknowledged ? warnings.map((w) => w.id) : [],
        inFlight: choice,
      });
      if (!result.ok) {
        setServerErrors(draftErrorsOf(result.details));
        throw new Error(result.error);
      }
      return result.data;
    },
    onSuccess: (data) => {
      setNote("");
      setServerErrors(null);
      setAcknowledged(false);
      setChoice("keep");
      void queryClient.invalidateQueries({ queryKey: ["publish-impact", sequenceId] });
      void queryClient.invalidateQueries({ queryKey: ["publish-plan", sequenceId] });
      const moved = data.contentFix?.migrations.reduce((sum, m) => sum + m.counts.moved, 0) ?? 0;
      onPublished({
        number: data.number,
        created: data.created,
        detail: data.contentFix
          ? `${plural(moved, "contact")} in flight moved to v${data.number} with the fix (undo on the Migrations page).`
          : undefined,
      });
      if (choice === "wizard" && data.created && active) {
        router.push(`/sequences/${sequenceId}/migrate?from=${active.number}&to=${data.number}`);
      }
    },
  });

  const errors = validation.ok ? (serverErrors ?? []) : validation.errors;
  const diff = diffSteps(active?.steps ?? [], draft.steps, { from: active?.settings, to: draft.settings });
  const blocked =
    !validation.ok ||
    saving ||
    publish.isPending ||
    !planCurrent ||
    !gateCurrent ||
    lintErrors.length > 0 ||
    (warnings.length > 0 && !acknowledged);
  const moving = new Set(
    choice === "apply-content-fix"
      ? (plan.data?.inFlight ?? []).filter((v) => v.change === "content" || v.change === "none").map((v) => v.number)
      : [],
  );

  function submit() {
    if (!note.trim()) {
      setNoteError("Write a note: what changed and why");
      return;
    }
    setNoteError(null);
    if (needsReview) requestReview.mutate();
    else publish.mutate();
  }
  const requestBlocked =
    !validation.ok || saving || !planCurrent || lintErrors.length > 0 || requestReview.isPending || reviewPending;

  return (
    <Dialog
      open={open}
      onClose={onClose}
      size="xl"
      title="Publish a new version"
      description={
        active
          ? `Publishing freezes the draft as v${nextNumber}, an immutable version. New enrollments get it; contacts already in flight stay on the version they started unless you choose otherwise below.`
          : "This is the first publish: the draft becomes v1, an immutable version, and contacts you enroll from then on get it."
      }
      footer={
        <>
          {publish.isError || requestReview.isError ? (
            <p role="alert" className="mr-auto max-w-xl text-sm text-red-700">
              {(publish.error ?? requestReview.error)?.message}
            </p>
          ) : saving ? (
            <p role="status" className="mr-auto text-sm text-slate-600">
              Saving your latest changes…
            </p>
          ) : lintErrors.length > 0 ? (
            <p className="mr-auto text-sm text-red-700">Fix the guardrail errors to publish.</p>
          ) : warnings.length > 0 && !acknowledged && !needsReview ? (
            <p className="mr-auto text-sm text-amber-900">Tick the warnings box to publish.</p>
          ) : null}
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          {needsReview ? (
            <Button onClick={submit} disabled={requestBlocked} data-testid="request-review-submit">
              {requestReview.isPending ? "Requesting…" : "Request review"}
            </Button>
          ) : (
            <Button onClick={submit} disabled={blocked} data-testid="publish-submit">
              {publish.isPending ? "Publishing…" : choice === "wizard" ? "Publish and open the wizard" : "Publish"}
            </Button>
          )}
        </>
      }
    >
      <div className="space-y-6">
        {gateCurrent ? (
          <ReviewGateNotice sequenceId={sequenceId} gate={gate.data} requested={requestReview.data?.link ?? null} />
        ) : gate.isError ? (
          <p role="alert" className="text-sm text-red-700">
            Could not check whether a review is needed: {gate.error.message}
          </p>
        ) : null}
        {errors.length > 0 ? (
          <section
            aria-labelledby="publish-errors"
            className="rounded-lg bg-red-50 p-4 ring-1 ring-red-200"
            data-testid="publish-errors"
          >
            <h3 id="publish-errors" className="text-sm font-semibold text-red-900">
              Fix {errors.length === 1 ? "this problem" : `these ${errors.length} problems`} before publishing
            </h3>
            <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-red-800">
              {errors.map((e, i) => (
                <li key={i}>{describeError(e, draft.steps)}</li>
              ))}
            </ul>
          </section>
        ) : null}
        {plan.isError ? (
          <p role="alert" className="text-sm text-red-700">
            Could not check the guardrails: {plan.error.message}
          </p>
        ) : plan.data?.lint && planCurrent ? (
          <LintFindings
            findings={plan.data.lint.findings}
            audience={plan.data.lint.audience}
            acknowledged={acknowledged}
            onAcknowledge={setAcknowledged}
          />
        ) : validation.ok ? (
          <p className="text-sm text-slate-600">Checking the guardrails…</p>
        ) : null}
        {active ? <ImpactSummary query={impact} moving={moving} wizard={choice === "wizard"} /> : null}
        {active && plan.data ? (
          <InFlightChoicePanel
            change={plan.data.active?.change ?? null}
            inFlight={plan.data.inFlight}
            choice={choice}
            onChoice={setChoice}
            nextNumber={nextNumber}
          />
        ) : null}
        <Field
          label={needsReview ? "Note for the reviewer (what changed and why)" : "Note (what changed and why)"}
          htmlFor="publish-note"
          error={noteError}
        >
          <TextArea
            id="publish-note"
            rows={2}
            value={note}
            maxLength={500}
            aria-invalid={noteError ? true : undefined}
            aria-describedby={noteError ? "publish-note-error" : undefined}
            onChange={(e) => setNote(e.target.value)}
            placeholder="e.g. Shorter intro, dropped the SMS nudge"
          />
        </Field>
        {active ? (
          <div>
            <h3 className="mb-3 text-sm font-semibold text-slate-900">
              Changes from v{active.number} (active) to the draft
            </h3>
            <VersionDiffView diff={diff} fromLabel={`v${active.number}`} toLabel="Draft" />
          </div>
        ) : (
          <div>
            <h3 className="mb-3 text-sm font-semibold text-slate-900">
              What v1 will contain ({plural(draft.steps.length, "step")})
            </h3>
            <ReadOnlySteps steps={draft.steps} />
          </div>
        )}
      </div>
    </Dialog>
  );
}
