import { diffWords } from "diff";
import { canonicalJson } from "./canonical-json";
import { stepOffsets } from "./schedule";
import { formatSendWindow, stepDayRanges, type DayRange, type ScheduleSettings } from "./schedule-labels";
import type { Step } from "./steps";

export type DiffPart = { value: string; added: boolean; removed: boolean };
export type FieldChange = { field: string; before: string; after: string; parts: DiffPart[] };

export type DiffStatus = "unchanged" | "added" | "removed" | "moved" | "modified";

export type DiffRow = {
  key: string;
  status: DiffStatus;
  moved: boolean;
  modified: boolean;
  fromIndex: number | null;
  toIndex: number | null;
  fromStep: Step | null;
  toStep: Step | null;
  fromDay: number | null;
  toDay: number | null;
  /** The honest day of the step on each side (a range with business days or a send window). */
  fromRange: DayRange | null;
  toRange: DayRange | null;
  fields: FieldChange[];
};

export type DiffSummary = { added: number; removed: number; moved: number; modified: number; unchanged: number };
export type VersionDiff = { rows: DiffRow[]; summary: DiffSummary };

/**
 * Positions (into `seq`) of one longest strictly increasing subsequence, O(n log n).
 * Steps on it kept their relative order; everything else is what the marketer moved. Using the
 * LIS rather than index equality is what stops an insert or delete from flagging every later step.
 */
export function longestIncreasingSubsequence(seq: readonly number[]): Set<number> {
  // tails[l] = position in seq of the smallest tail of an increasing run of length l+1.
  const tails: number[] = [];
  const prev: number[] = new Array<number>(seq.length).fill(-1);
  for (let i = 0; i < seq.length; i++) {
    const value = seq[i] ?? 0;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((seq[tails[mid] ?? 0] ?? 0) < value) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1] ?? -1;
    tails[lo] = i;
  }
  const members = new Set<number>();
  let cursor = tails.length > 0 ? (tails[tails.length - 1] ?? -1) : -1;
  while (cursor !== -1) {
    members.add(cursor);
    cursor = prev[cursor] ?? -1;
  }
  return members;
}

function fieldText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return canonicalJson(value);
}

function fieldEntries(step: Step): Map<string, unknown> {
  const entries = new Map(Object.entries(step).filter(([field]) => field !== "key"));
  // Missing means "skip" (versions stored before the field existed): spelling it out is no change.
  if ((step.type === "email" || step.type === "sms") && entries.get("ifMissingChannel") === undefined)
    entries.set("ifMissingChannel", "skip");
  return entries;
}

export type SettingsLike = ScheduleSettings & {
  exitOnReply?: boolean;
  exitOnUnsubscribe?: boolean;
  dailyCap?: { email?: number; sms?: number };
};

function settingsEntries(settings: SettingsLike | undefined): [string, string][] {
  const s = settings ?? {};
  return [
    ["Send window", formatSendWindow(s.sendWindow)],
    ["Holidays", s.holidays && s.holidays.length > 0 ? [...s.holidays].sort().join(", ") : "None"],
    ["Daily email limit", s.dailyCap?.email === undefined ? "None" : String(s.dailyCap.email)],
    ["Daily SMS limit", s.dailyCap?.sms === undefined ? "None" : String(s.dailyCap.sms)],
    ["Exit on reply", s.exitOnReply === false ? "No" : "Yes"],
    ["Exit on unsubscribe", s.exitOnUnsubscribe === false ? "No" : "Yes"],
  ];
}

/** Changed version settings (send window, holidays, daily limits, exit rules), as readable text. */
export function diffSettings(from: SettingsLike | undefined, to: SettingsLike | undefined): FieldChange[] {
  const after = new Map(settingsEntries(to));
  const changes: FieldChange[] = [];
  for (const [field, a] of settingsEntries(from)) {
    const b = after.get(field) ?? "";
    if (a === b) continue;
    const parts = diffWords(a, b).map((c) => ({ value: c.value, added: c.added, removed: c.removed }));
    changes.push({ field, before: a, after: b, parts });
  }
  return changes;
}

/**
 * Changed fields between two versions of a step. A type change lists "type" first and then every
 * field of either shape that differs, so the UI can show what was lost and what was added.
 */
export function fieldChanges(from: Step, to: Step): FieldChange[] {
  const before = fieldEntries(from);
  const after = fieldEntries(to);
  const fields = ["type", ...new Set([...before.keys(), ...after.keys()].filter((f) => f !== "type"))];
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const a = fieldText(before.get(field));
    const b = fieldText(after.get(field));
    if (a === b) continue;
    const parts = diffWords(a, b).map((c) => ({ value: c.value, added: c.added, removed: c.removed }));
    changes.push({ field, before: a, after: b, parts });
  }
  return changes;
}

/**
 * Semantic diff of two versions' steps, aligned by step key (keys are unique within a version).
 * Rows follow the `to` order; a removed step sits right after the row of its nearest preceding
 * `from` neighbour that survived, or at the top.
 */
export function diffSteps(
  from: readonly Step[],
  to: readonly Step[],
  settings: { from?: ScheduleSettings; to?: ScheduleSettings } = {},
): VersionDiff {
  const fromIndexByKey = new Map<string, number>();
  from.forEach((step, i) => fromIndexByKey.set(step.key, i));
  const toKeys = new Set(to.map((step) => step.key));
  const fromDays = stepOffsets(from).map((o) => o.day);
  const toDays = stepOffsets(to).map((o) => o.day);
  const fromRanges = stepDayRanges(from, settings.from);
  const toRanges = stepDayRanges(to, settings.to);

  // from-indices of the common steps, read in `to` order.
  const commonToIndices: number[] = [];
  const commonFromIndices: number[] = [];
  to.forEach((step, toIndex) => {
    const fromIndex = fromIndexByKey.get(step.key);
    if (fromIndex !== undefined) {
      commonToIndices.push(toIndex);
      commonFromIndices.push(fromIndex);
    }
  });
  const stayed = longestIncreasingSubsequence(commonFromIndices);
  const movedToIndices = new Set(commonToIndices.filter((_, pos) => !stayed.has(pos)));

  // Removed steps grouped under the key of the surviving step they followed; null = top.
  const removedAfter = new Map<string | null, DiffRow[]>();
  let anchor: string | null = null;
  from.forEach((step, fromIndex) => {
    if (toKeys.has(step.key)) {
      anchor = step.key;
      return;
    }
    const group = removedAfter.get(anchor) ?? [];
    group.push({
      key: step.key,
      status: "removed",
      moved: false,
      modified: false,
      fromIndex,
      toIndex: null,
      fromStep: step,
      toStep: null,
      fromDay: fromDays[fromIndex] ?? null,
      toDay: null,
      fromRange: fromRanges[fromIndex] ?? null,
      toRange: null,
      fields: [],
    });
    removedAfter.set(anchor, group);
  });

  const rows: DiffRow[] = [...(removedAfter.get(null) ?? [])];
  const summary: DiffSummary = { added: 0, removed: 0, moved: 0, modified: 0, unchanged: 0 };
  for (const group of removedAfter.values()) summary.removed += group.length;

  to.forEach((toStep, toIndex) => {
    const fromIndex = fromIndexByKey.get(toStep.key);
    const fromStep = fromIndex === undefined ? undefined : from[fromIndex];
    if (fromIndex === undefined || fromStep === undefined) {
      summary.added += 1;
      rows.push({
        key: toStep.key,
        status: "added",
        moved: false,
        modified: false,
        fromIndex: null,
        toIndex,
        fromStep: null,
        toStep,
        fromDay: null,
        toDay: toDays[toIndex] ?? null,
        fromRange: null,
        toRange: toRanges[toIndex] ?? null,
        fields: [],
      });
    } else {
      const fields = fieldChanges(fromStep, toStep);
      const moved = movedToIndices.has(toIndex);
      const modified = fields.length > 0;
      if (moved) summary.moved += 1;
      if (modified) summary.modified += 1;
      if (!moved && !modified) summary.unchanged += 1;
      rows.push({
        key: toStep.key,
        status: moved ? "moved" : modified ? "modified" : "unchanged",
        moved,
        modified,
        fromIndex,
        toIndex,
        fromStep,
        toStep,
        fromDay: fromDays[fromIndex] ?? null,
        toDay: toDays[toIndex] ?? null,
        fromRange: fromRanges[fromIndex] ?? null,
        toRange: toRanges[toIndex] ?? null,
        fields,
      });
    }
    rows.push(...(removedAfter.get(toStep.key) ?? []));
  });

  return { rows, summary };
}
