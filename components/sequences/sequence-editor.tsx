"use client";
import { arrayMove } from "@dnd-kit/sortable";
import { useRouter } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Toast } from "@/components/ui/toast";
import type { DraftContent, DraftStep } from "@/lib/domain/draft";
import { describeDayRange, formatDayRange, stepDayRanges } from "@/lib/domain/schedule-labels";
import type { SequenceStatus } from "@/lib/domain/sequence-status";
import { blankStep, newStepKey, type StepType } from "@/lib/domain/step-kinds";
import type { VersionContent } from "@/lib/domain/steps";
import { SendWindowPanel } from "@/components/editor/send-window-panel";
import { AddStepBar } from "./add-step-bar";
import { ConflictBanner } from "./conflict-banner";
import { useDraftCheck } from "./use-draft-check";
import { DraftSidebar } from "./draft-sidebar";
import { EnrollContactsButton } from "./enroll-contacts-button";
import { PublishDialog, type PublishOutcome } from "./publish-dialog";
import { SaveIndicator } from "./save-indicator";
import { SortableSteps } from "./sortable-steps";
import { SequenceLinks } from "./sequence-links";
import { SequenceStatusBadge } from "./status-badge";
import { StepCard } from "./step-card";
import type { StepPatch } from "@/components/steps/step-fields";
import { useAutosavedDraft } from "./use-autosaved-draft";

export type EditorSequence = {
  id: string;
  name: string;
  status: SequenceStatus;
  draft: DraftContent;
  revision: number;
  activeVersion: { id: string; number: number; contentHash: string; content: VersionContent } | null;
};

function randomHex(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

type Notice = { message: string; undo?: { step: DraftStep; index: number } };

export function SequenceEditor({ sequence }: { sequence: EditorSequence }) {
  const router = useRouter();
  const { draft, revision, status, conflict, error, update, flush } = useAutosavedDraft({
    sequenceId: sequence.id,
    initialDraft: sequence.draft,
    initialRevision: sequence.revision,
  });
  const { validation, comparison, errors } = useDraftCheck(draft, sequence.activeVersion);
  const dayRanges = useMemo(() => stepDayRanges(draft.steps, draft.settings), [draft.steps, draft.settings]);

  // Steps added in this session stay quiet until their fields are visited, so a fresh blank card
  // is not born covered in "required" errors; steps loaded from the server show theirs at once.
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [revealAll, setRevealAll] = useState(false);
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [publishOpen, setPublishOpen] = useState(false);
  const dismissNotice = useCallback(() => setNotice(null), []);

  const visibleError = (key: string, field: string): string | null => {
    const message = errors.get(`${key}:${field}`) ?? null;
    if (!message) return null;
    return revealAll || !fresh.has(key) || touched.has(`${key}:${field}`) ? message : null;
  };

  function patchStep(index: number, patch: StepPatch) {
    update((d) => ({ ...d, steps: d.steps.map((s, i) => (i === index ? ({ ...s, ...patch } as DraftStep) : s)) }));
  }

  function addStep(type: StepType) {
    const key = newStepKey(randomHex);
    update((d) => ({ ...d, steps: [...d.steps, blankStep(type, key)] }));
    setFresh((f) => new Set(f).add(key));
    setFocusKey(key);
  }

  function deleteStep(index: number) {
    const step = draft.steps[index];
    if (!step) return;
    update((d) => ({ ...d, steps: d.steps.filter((_, i) => i !== index) }));
    setNotice({ message: `Deleted step ${index + 1}.`, undo: { step, index } });
  }

  function undoDelete(undo: NonNullable<Notice["undo"]>) {
    update((d) => {
      const steps = [...d.steps];
      steps.splice(Math.min(undo.index, steps.length), 0, undo.step);
      return { ...d, steps };
    });
    setNotice(null);
  }

  function openPublish() {
    setRevealAll(true);
    void flush();
    setPublishOpen(true);
  }

  function onPublished(outcome: PublishOutcome) {
    setPublishOpen(false);
    setNotice({
      message: outcome.created
        ? `Published v${outcome.number}.`
        : `Nothing new to publish: the draft is identical to v${outcome.number}.`,
    });
    router.refresh();
  }

  const saving = status !== "saved";
  return (
    <>
      <PageHeader
        title={sequence.name}
        description={
          <span className="flex flex-wrap items-center gap-3">
            <SequenceStatusBadge status={sequence.status} />
            <span
              data-testid="draft-state"
              className={comparison.identical ? "text-slate-600" : "font-medium text-amber-800"}
            >
              {comparison.text}
            </span>
            <SaveIndicator status={status} />
          </span>
        }
        actions={
          <>
            <SequenceLinks sequenceId={sequence.id} />
            {sequence.activeVersion && sequence.status !== "archived" ? (
              <EnrollContactsButton sequenceId={sequence.id} versionNumber={sequence.activeVersion.number} />
            ) : null}
            <Button onClick={openPublish} disabled={status === "conflict"}>
              Publish…
            </Button>
          </>
        }
      />
      {conflict ? <ConflictBanner conflict={conflict} /> : null}
      {status === "error" && error ? (
        <div
          role="alert"
          className="mb-4 flex items-center justify-between gap-4 rounded-lg bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-red-200"
        >
          <span>{error}</span>
          <Button variant="secondary" size="sm" onClick={() => void flush()}>
            Retry save
          </Button>
        </div>
      ) : null}
      <div className="grid items-start gap-8 lg:grid-cols-[minmax(0,1fr)_17rem]">
        <fieldset disabled={status === "conflict"} className="min-w-0">
          <legend className="sr-only">Steps</legend>
          {draft.steps.length === 0 ? (
            <p className="ml-20 rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center text-sm text-slate-600">
              No steps yet. Add the first one below: an email, an SMS, a wait or a manual task.
            </p>
          ) : (
            <SortableSteps
              steps={draft.steps}
              onMove={(from, to) => update((d) => ({ ...d, steps: arrayMove(d.steps, from, to) }))}
            >
              <ol className="space-y-3" aria-label="Steps">
                {draft.steps.map((step, index) => (
                  <StepCard
                    key={step.key}
                    step={step}
                    index={index}
                    dayLabel={formatDayRange(dayRanges[index] ?? { min: 0, max: 0 })}
                    dayTitle={dayRanges[index] ? describeDayRange(dayRanges[index]) : undefined}
                    stepError={visibleError(step.key, "step")}
                    errorFor={(field) => visibleError(step.key, field)}
                    onChange={(patch) => patchStep(index, patch)}
                    onTouch={(field) => setTouched((t) => new Set(t).add(`${step.key}:${field}`))}
                    onDelete={() => deleteStep(index)}
                    autoFocus={step.key === focusKey}
                  />
                ))}
              </ol>
            </SortableSteps>
          )}
          <AddStepBar onAdd={addStep} />
        </fieldset>
        <div className="space-y-4">
          <DraftSidebar
            sequenceId={sequence.id}
            draft={draft}
            validation={validation}
            activeNumber={sequence.activeVersion?.number ?? null}
          />
          <SendWindowPanel settings={draft.settings} onChange={(settings) => update((d) => ({ ...d, settings }))} />
        </div>
      </div>
      <PublishDialog
        open={publishOpen}
        onClose={() => setPublishOpen(false)}
        onPublished={onPublished}
        sequenceId={sequence.id}
        active={
          sequence.activeVersion
            ? {
                number: sequence.activeVersion.number,
                steps: sequence.activeVersion.content.steps,
                settings: sequence.activeVersion.content.settings,
              }
            : null
        }
        draft={draft}
        validation={validation}
        revision={revision}
        saving={saving}
      />
      {notice ? (
        <Toast
          key={notice.message + (notice.undo?.step.key ?? "")}
          message={notice.message}
          onDismiss={dismissNotice}
          action={
            notice.undo ? (
              <button
                type="button"
                onClick={() => notice.undo && undoDelete(notice.undo)}
                className="rounded-md bg-white/10 px-2.5 py-1 font-semibold text-white hover:bg-white/20"
              >
                Undo
              </button>
            ) : undefined
          }
        />
      ) : null}
    </>
  );
}
