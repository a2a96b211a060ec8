"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { VersionDiffView } from "@/components/diff/version-diff-view";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, TextArea } from "@/components/ui/field";
import { publishImpactAction } from "@/lib/actions/sequence-reads";
import { publishVersionAction } from "@/lib/actions/sequences";
import type { DraftContent } from "@/lib/domain/draft";
import type { Step } from "@/lib/domain/steps";
import type { DraftError, DraftValidation } from "@/lib/domain/validate-draft";
import type { ScheduleSettings } from "@/lib/domain/schedule-labels";
import { diffSteps } from "@/lib/domain/version-diff";
import { ImpactSummary } from "./impact-summary";

export type PublishOutcome = { number: number; created: boolean };

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
 * as the diff page), who is unaffected (contacts in flight stay on their version), and insists
 * on a note. The draft revision it reviewed is sent along so a concurrent edit cannot sneak in.
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
  const [note, setNote] = useState("");
  const [noteError, setNoteError] = useState<string | null>(null);
  const [serverErrors, setServerErrors] = useState<DraftError[] | null>(null);

  const impact = useQuery({
    queryKey: ["publish-impact", sequenceId],
    enabled: open,
    queryFn: async () => {
      const result = await publishImpactAction({ sequenceId });
      if (!result.ok) throw new Error(result.error);
      return result.data;
    },
  });

  const publish = useMutation({
    mutationFn: async () => {
      const result = await publishVersionAction({ sequenceId, note, expectedRevision: revision });
      if (!result.ok) {
        setServerErrors(draftErrorsOf(result.details));
        throw new Error(result.error);
      }
      return result.data;
    },
    onSuccess: (data) => {
      setNote("");
      setServerErrors(null);
      void queryClient.invalidateQueries({ queryKey: ["publish-impact", sequenceId] });
      onPublished({ number: data.number, created: data.created });
    },
  });

  const errors = validation.ok ? (serverErrors ?? []) : validation.errors;
  const diff = diffSteps(active?.steps ?? [], draft.steps, { from: active?.settings, to: draft.settings });
  const fromLabel = active ? `v${active.number} (active)` : "Nothing published";

  function submit() {
    if (!note.trim()) {
      setNoteError("Write a note: what changed and why");
      return;
    }
    setNoteError(null);
    publish.mutate();
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      size="xl"
      title="Publish a new version"
      description="Publishing freezes the draft as an immutable version. New enrollments get it; contacts already in flight stay on the version they started."
      footer={
        <>
          {publish.isError ? (
            <p role="alert" className="mr-auto max-w-xl text-sm text-red-700">
              {publish.error.message}
            </p>
          ) : saving ? (
            <p role="status" className="mr-auto text-sm text-slate-600">
              Saving your latest changes…
            </p>
          ) : null}
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={submit} disabled={!validation.ok || saving || publish.isPending}>
            {publish.isPending ? "Publishing…" : "Publish"}
          </Button>
        </>
      }
    >
      <div className="space-y-6">
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
        <ImpactSummary query={impact} />
        <Field label="Note (what changed and why)" htmlFor="publish-note" error={noteError}>
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
        <div>
          <h3 className="mb-3 text-sm font-semibold text-slate-900">Changes from {fromLabel} to the draft</h3>
          <VersionDiffView diff={diff} fromLabel={active ? `v${active.number}` : "Nothing published"} toLabel="Draft" />
        </div>
      </div>
    </Dialog>
  );
}
