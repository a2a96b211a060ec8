"use client";
import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Toast } from "@/components/ui/toast";
import type { DraftContent, DraftStep } from "@/lib/domain/draft";
import { changeStepType, duplicateStep, insertStep, moveStep, removeStep, replaceStep } from "@/lib/domain/draft-edits";
import { describeDayRange, formatDayRange, stepDayRanges } from "@/lib/domain/schedule-labels";
import type { SequenceStatus } from "@/lib/domain/sequence-status";
import { blankStep, newStepKey, type StepType } from "@/lib/domain/step-kinds";
import type { VersionContent } from "@/lib/domain/steps";
import { SendWindowPanel } from "@/components/editor/send-window-panel";
import { AddStepBar } from "./add-step-bar";
import { SchedulePublishButton } from "@/components/publish/schedule-publish-button";
import { SchedulePublishList } from "@/components/publish/schedule-publish-list";
import type { ScheduledPublishView } from "@/lib/views/scheduled-publish";
import { ConflictBanner } from "./conflict-banner";
import { useDraftCheck } from "./use-draft-check";
import { DraftSidebar } from "./draft-sidebar";
import { EnrollContactsButton } from "./enroll-contacts-button";
import type { PublishOutcome } from "./publish-dialog";
import { SaveIndicator } from "./save-indicator";
import { SequenceLinks } from "./sequence-links";
import { SequenceStatusBadge } from "./status-badge";
import { StepCard } from "./step-card";
import type { StepPatch } from "@/components/steps/step-fields";
import { STEP_META } from "@/components/steps/step-meta";
import { useEditorHistory } from "@/components/editor/use-editor-history";
import { useLazyDnd } from "@/components/editor/use-lazy-dnd";
import type { DragBinding } from "@/components/editor/drag-binding";
import { useAutosavedDraft } from "./use-autosaved-draft";

// Only some visits open these: they load when first shown, not with the page.
const PublishDialog = dynamic(() => import("./publish-dialog").then((m) => m.PublishDialog), { ssr: false });
const PreviewPane = dynamic(() => import("@/components/editor/preview-pane").then((m) => m.PreviewPane), {
  ssr: false,
  loading: () => (
    <p className="rounded-lg bg-white p-5 text-sm text-slate-500 shadow-sm ring-1 ring-slate-200">Loading preview…</p>
  ),
});

const ShortcutHelp = dynamic(() => import("@/components/editor/shortcut-help").then((m) => m.ShortcutHelp), {
  ssr: false,
});

const TYPE_BY_CODE: Record<string, StepType> = { KeyE: "email", KeyS: "sms", KeyW: "wait", KeyT: "task" };

function isTextTarget(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))
  );
}

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

type Notice = { message: string; undo?: boolean };

export function SequenceEditor({
  sequence,
  userEmail,
  schedules = [],
}: {
  sequence: EditorSequence;
  userEmail: string;
  /** Scheduled publishes of this sequence (the open one and the latest ended ones). */
  schedules?: ScheduledPublishView[];
}) {
  const router = useRouter();
  const { draft, revision, status, conflict, error, serverErrors, update, flush, settle } = useAutosavedDraft({
    sequenceId: sequence.id,
    initialDraft: sequence.draft,
    initialRevision: sequence.revision,
  });
  const { validation, comparison, errors } = useDraftCheck(draft, sequence.activeVersion);
  const history = useEditorHistory(update);
  const dnd = useLazyDnd();
  const dayRanges = useMemo(() => stepDayRanges(draft.steps, draft.settings), [draft.steps, draft.settings]);

  // Steps added in this session stay quiet until their fields are visited, so a fresh blank card
  // is not born covered in "required" errors; steps loaded from the server show theirs at once.
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [revealAll, setRevealAll] = useState(false);
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [publishOpen, setPublishOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const dismissNotice = useCallback(() => setNotice(null), []);
  // After a keyboard move the focused control may be re-inserted by React; focus goes back to it.
  const refocus = useRef<HTMLElement | null>(null);
  useLayoutEffect(() => {
    const el = refocus.current;
    refocus.current = null;
    if (el && el.isConnected && document.activeElement !== el) el.focus();
  });

  const selected =
    draft.steps.find((s) => s.key === selectedKey) ??
    draft.steps.find((s) => s.type === "email" || s.type === "sms") ??
    null;

  const visibleError = (key: string, field: string): string | null => {
    const message = serverErrors.get(`${key}:${field}`) ?? errors.get(`${key}:${field}`) ?? null;
    if (!message) return null;
    return revealAll || !fresh.has(key) || touched.has(`${key}:${field}`) ? message : null;
  };

  function patchStep(index: number, patch: StepPatch) {
    const key = draft.steps[index]?.key ?? "";
    history.edit(
      (d) => ({ ...d, steps: d.steps.map((s, i) => (i === index ? ({ ...s, ...patch } as DraftStep) : s)) }),
      `${key}:${Object.keys(patch).join(",")}`,
    );
  }

  function insertAt(index: number, type: StepType) {
    const key = newStepKey(randomHex);
    history.edit((d) => insertStep(d, index, blankStep(type, key)));
    setFresh((f) => new Set(f).add(key));
    setFocusKey(key);
    setSelectedKey(key);
  }

  function addStep(type: StepType) {
    insertAt(draft.steps.length, type);
  }

  function duplicate(index: number) {
    const key = newStepKey(randomHex);
    history.edit((d) => duplicateStep(d, index, key));
    setFocusKey(key);
    setSelectedKey(key);
    setNotice({ message: `Duplicated step ${index + 1} as step ${index + 2}.`, undo: true });
  }

  function move(index: number, delta: -1 | 1) {
    if (document.activeElement instanceof HTMLElement) refocus.current = document.activeElement;
    history.edit((d) => moveStep(d, index, index + delta));
  }

  function changeType(index: number, type: StepType) {
    const step = draft.steps[index];
    if (!step || step.type === type) return;
    const change = changeStepType(step, type);
    history.edit((d) => replaceStep(d, index, change.step));
    const dropped = change.dropped.length
      ? ` ${STEP_META[type].label} has no ${change.dropped.join(" or ")}: dropped.`
      : "";
    setNotice({
      message: `Step ${index + 1} is now ${type === "email" ? "an" : "a"} ${STEP_META[type].label} step, same key.${dropped}`,
      undo: true,
    });
  }

  function deleteStep(index: number) {
    const step = draft.steps[index];
    if (!step) return;
    const next = draft.steps[index + 1] ?? draft.steps[index - 1];
    history.edit((d) => removeStep(d, index));
    setNotice({ message: `Deleted step ${index + 1}.`, undo: true });
    if (next) {
      window.requestAnimationFrame(() =>
        document.querySelector<HTMLElement>(`[data-step-key="${next.key}"] [data-step-section]`)?.focus(),
      );
    }
  }

  function undoLast() {
    if (history.undo()) setNotice(null);
  }

  // Undo/redo anywhere on the page (not inside a dialog: it has its own fields).
  const undoRef = useRef({ undo: history.undo, redo: history.redo });
  useEffect(() => {
    undoRef.current = { undo: history.undo, redo: history.redo };
  });
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      if (document.querySelector("dialog[open]")) return;
      const key = e.key.toLowerCase();
      if (key === "z" && !e.shiftKey) {
        e.preventDefault();
        undoRef.current.undo();
      } else if ((key === "z" && e.shiftKey) || (key === "y" && !e.metaKey)) {
        e.preventDefault();
        undoRef.current.redo();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  /** Shortcuts for the step that holds focus (Alt+Shift+…), and "?" for the help. */
  function onStepsKeyDown(e: KeyboardEvent<HTMLElement>) {
    if (e.key === "?" && !isTextTarget(e.target)) {
      e.preventDefault();
      setHelpOpen((o) => !o);
      return;
    }
    if (!e.altKey || !e.shiftKey || e.ctrlKey || e.metaKey) return;
    const card = (e.target as HTMLElement).closest<HTMLElement>("[data-step-key]");
    const index = card ? draft.steps.findIndex((s) => s.key === card.dataset.stepKey) : -1;
    const type = TYPE_BY_CODE[e.code];
    if (type) {
      e.preventDefault();
      insertAt(index >= 0 ? index + 1 : draft.steps.length, type);
      return;
    }
    if (index < 0) return;
    if (e.code === "ArrowUp" && index > 0) {
      e.preventDefault();
      move(index, -1);
    } else if (e.code === "ArrowDown" && index < draft.steps.length - 1) {
      e.preventDefault();
      move(index, 1);
    } else if (e.code === "KeyD") {
      e.preventDefault();
      duplicate(index);
    } else if (e.code === "Backspace" || e.code === "Delete") {
      e.preventDefault();
      deleteStep(index);
    }
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
        ? `Published v${outcome.number}.${outcome.detail ? ` ${outcome.detail}` : ""}`
        : `Nothing new to publish: the draft is identical to v${outcome.number}.`,
    });
    router.refresh();
  }

  const card = (step: DraftStep, index: number, drag: DragBinding | null) => (
    <StepCard
      key={step.key}
      step={step}
      index={index}
      total={draft.steps.length}
      dayLabel={formatDayRange(dayRanges[index] ?? { min: 0, max: 0 })}
      dayTitle={dayRanges[index] ? describeDayRange(dayRanges[index]) : undefined}
      stepError={visibleError(step.key, "step")}
      errorFor={(field) => visibleError(step.key, field)}
      onChange={(patch) => patchStep(index, patch)}
      onTouch={(field) => setTouched((t) => new Set(t).add(`${step.key}:${field}`))}
      onDelete={() => deleteStep(index)}
      onDuplicate={() => duplicate(index)}
      onMove={(delta) => move(index, delta)}
      onChangeType={(type) => changeType(index, type)}
      onInsertBefore={(type) => insertAt(index, type)}
      onSelect={() => setSelectedKey(step.key)}
      selected={selected?.key === step.key}
      autoFocus={step.key === focusKey}
      drag={drag}
    />
  );

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
            <SchedulePublishButton
              sequenceId={sequence.id}
              revision={revision}
              settle={settle}
              disabled={status === "conflict"}
              onScheduled={(message) => {
                setNotice({ message });
                router.refresh();
              }}
            />
            <Button onClick={openPublish} disabled={status === "conflict"}>
              Publish…
            </Button>
          </>
        }
      />
      {conflict ? <ConflictBanner conflict={conflict} /> : null}
      <SchedulePublishList sequenceId={sequence.id} schedules={schedules} revision={revision} />
      {(status === "error" || status === "invalid" || status === "offline") && error ? (
        <div
          role="alert"
          data-testid="save-error"
          data-status={status}
          className={`mb-4 flex items-center justify-between gap-4 rounded-lg px-4 py-3 text-sm ring-1 ${status === "offline" ? "bg-amber-50 text-amber-900 ring-amber-200" : "bg-red-50 text-red-800 ring-red-200"}`}
        >
          <span>{error}</span>
          {status === "invalid" ? null : (
            <Button variant="secondary" size="sm" onClick={() => void flush()}>
              Retry save
            </Button>
          )}
        </div>
      ) : null}
      {helpOpen ? <ShortcutHelp onClose={() => setHelpOpen(false)} /> : null}
      <div className="grid items-start gap-8 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <fieldset disabled={status === "conflict"} className="min-w-0" onKeyDown={onStepsKeyDown}>
          <legend className="sr-only">Steps</legend>
          <h2 className="sr-only">Steps</h2>
          <div className="mb-2 ml-20 flex items-center gap-1" role="toolbar" aria-label="Editing">
            <Button variant="ghost" size="sm" onClick={undoLast} disabled={!history.canUndo} title="Ctrl/⌘+Z">
              Undo
            </Button>
            <Button
              variant="ghost"
              size="sm"
              onClick={() => history.redo()}
              disabled={!history.canRedo}
              title="Ctrl/⌘+Shift+Z"
            >
              Redo
            </Button>
            <Button
              variant="ghost"
              size="sm"
              className="ml-auto"
              aria-expanded={helpOpen}
              onClick={() => setHelpOpen((o) => !o)}
            >
              Keyboard shortcuts (?)
            </Button>
          </div>
          {draft.steps.length === 0 ? (
            <p className="ml-20 rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center text-sm text-slate-600">
              No steps yet. Add the first one below: an email, an SMS, a wait or a manual task.
            </p>
          ) : dnd ? (
            <dnd.SortableSteps steps={draft.steps} onMove={(from, to) => history.edit((d) => moveStep(d, from, to))}>
              <ol className="space-y-1" aria-label="Steps" data-dnd-ready="true">
                {draft.steps.map((step, index) => (
                  <dnd.SortableItem key={step.key} id={step.key}>
                    {(drag) => card(step, index, drag)}
                  </dnd.SortableItem>
                ))}
              </ol>
            </dnd.SortableSteps>
          ) : (
            <ol className="space-y-1" aria-label="Steps">
              {draft.steps.map((step, index) => card(step, index, null))}
            </ol>
          )}
          <AddStepBar onAdd={addStep} />
        </fieldset>
        <div className="space-y-4 lg:sticky lg:top-6">
          <DraftSidebar
            sequenceId={sequence.id}
            draft={draft}
            validation={validation}
            activeNumber={sequence.activeVersion?.number ?? null}
          />
          <PreviewPane
            sequenceId={sequence.id}
            step={selected}
            stepNumber={selected ? draft.steps.indexOf(selected) + 1 : 0}
            userEmail={userEmail}
            beforeTest={settle}
          />
          <SendWindowPanel
            settings={draft.settings}
            onChange={(settings) => history.edit((d) => ({ ...d, settings }))}
          />
        </div>
      </div>
      {publishOpen ? (
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
      ) : null}
      {notice ? (
        <Toast
          key={notice.message}
          message={notice.message}
          onDismiss={dismissNotice}
          action={
            notice.undo ? (
              <button
                type="button"
                onClick={undoLast}
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
