// Pure edits of a draft's step list, shared by the editor (and its undo stack) and the tests.
// Every edit returns a new draft; none mutates its input. Keys are what diffs and migrations
// align on, so a type change keeps the key and a duplicate always gets a new one.
import type { DraftContent, DraftStep } from "./draft";
import { blankStep, MAX_STEPS, type StepType } from "./step-kinds";

export type TypeChange = { step: DraftStep; dropped: string[] };

/**
 * The step turned into `type`, same key. Text that means the same thing carries over (email body
 * <-> SMS body, task title <-> email subject); what the new shape cannot hold is named in
 * `dropped` so the editor can say so.
 */
export function changeStepType(step: DraftStep, type: StepType): TypeChange {
  if (step.type === type) return { step, dropped: [] };
  const next = blankStep(type, step.key) as DraftStep;
  const dropped: string[] = [];
  const text = (field: string, value: string) => {
    if (value.trim() !== "") dropped.push(field);
  };
  switch (step.type) {
    case "email":
      if (next.type === "sms") {
        next.body = step.body;
        text("subject", step.subject);
      } else if (next.type === "task") {
        next.title = step.subject;
        next.note = step.body;
      } else {
        text("subject", step.subject);
        text("body", step.body);
      }
      break;
    case "sms":
      if (next.type === "email") next.body = step.body;
      else if (next.type === "task") next.note = step.body;
      else text("body", step.body);
      break;
    case "task":
      if (next.type === "email") {
        next.subject = step.title;
        next.body = step.note;
      } else if (next.type === "sms") {
        next.body = step.note;
        text("title", step.title);
      } else {
        text("title", step.title);
        text("note", step.note);
      }
      break;
    case "wait":
      dropped.push("wait time");
      break;
  }
  return { step: next, dropped };
}

export function replaceStep(draft: DraftContent, index: number, step: DraftStep): DraftContent {
  return { ...draft, steps: draft.steps.map((s, i) => (i === index ? step : s)) };
}

/** Inserts `step` so that it ends up at `index` (0 = first, steps.length = last). */
export function insertStep(draft: DraftContent, index: number, step: DraftStep): DraftContent {
  if (draft.steps.length >= MAX_STEPS) return draft;
  const at = Math.max(0, Math.min(index, draft.steps.length));
  return { ...draft, steps: [...draft.steps.slice(0, at), step, ...draft.steps.slice(at)] };
}

/** A copy of the step at `index`, with `newKey`, placed right after it. */
export function duplicateStep(draft: DraftContent, index: number, newKey: string): DraftContent {
  const source = draft.steps[index];
  if (!source || draft.steps.some((s) => s.key === newKey)) return draft;
  return insertStep(draft, index + 1, { ...source, key: newKey });
}

export function removeStep(draft: DraftContent, index: number): DraftContent {
  if (index < 0 || index >= draft.steps.length) return draft;
  return { ...draft, steps: draft.steps.filter((_, i) => i !== index) };
}

export function moveStep(draft: DraftContent, from: number, to: number): DraftContent {
  const n = draft.steps.length;
  if (from < 0 || from >= n || to < 0 || to >= n || from === to) return draft;
  const steps = [...draft.steps];
  const [moved] = steps.splice(from, 1);
  steps.splice(to, 0, moved!);
  return { ...draft, steps };
}

/**
 * Undo/redo over whole drafts. Typing in one field within `coalesceMs` is one entry (so undo
 * does not replay a subject letter by letter); structural edits are always their own entry.
 */
export type History = {
  past: DraftContent[];
  future: DraftContent[];
  lastGroup: string | null;
  lastAt: number;
};

export const HISTORY_LIMIT = 100;

export function emptyHistory(): History {
  return { past: [], future: [], lastGroup: null, lastAt: 0 };
}

/** Records that `before` was replaced; `group` names a run of typing that may coalesce. */
export function recordEdit(
  history: History,
  before: DraftContent,
  group: string | null,
  now: number,
  coalesceMs = 1000,
): History {
  const coalesce = group !== null && group === history.lastGroup && now - history.lastAt < coalesceMs;
  if (coalesce) return { ...history, future: [], lastAt: now };
  return { past: [...history.past, before].slice(-HISTORY_LIMIT), future: [], lastGroup: group, lastAt: now };
}

export function undo(history: History, current: DraftContent): { history: History; draft: DraftContent } | null {
  const previous = history.past[history.past.length - 1];
  if (!previous) return null;
  return {
    draft: previous,
    history: { past: history.past.slice(0, -1), future: [current, ...history.future], lastGroup: null, lastAt: 0 },
  };
}

export function redo(history: History, current: DraftContent): { history: History; draft: DraftContent } | null {
  const next = history.future[0];
  if (!next) return null;
  return {
    draft: next,
    history: { past: [...history.past, current], future: history.future.slice(1), lastGroup: null, lastAt: 0 },
  };
}
