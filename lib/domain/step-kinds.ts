// The zod-free half of the step model: names, limits and helpers that browser code needs
// without pulling the schemas (and zod) into every page's first load. steps.ts re-exports it.
import type { Step } from "./steps";

export const STEP_TYPES = ["email", "sms", "wait", "task"] as const;
export type StepType = (typeof STEP_TYPES)[number];

export const CONTACT_MERGE_FIELDS = ["first_name", "last_name", "email", "phone"] as const;
export type ContactMergeField = (typeof CONTACT_MERGE_FIELDS)[number];

export const WAIT_UNITS = ["minutes", "hours", "days"] as const;

export const MAX_STEPS = 500;
/** Per-field limits, shared by the draft and published schemas (steps.ts) and the editor's inputs. */
export const STEP_LIMITS = { subject: 200, smsBody: 1600, waitAmount: 365, taskTitle: 200, taskNote: 5000 } as const;
export const MAX_EMAIL_BODY_BYTES = 100 * 1024;

/** What an email/SMS step does for a contact without an address on its channel (missing = "skip"). */
export const MISSING_CHANNEL_ACTIONS = ["skip", "exit"] as const;
export type MissingChannelAction = (typeof MISSING_CHANNEL_ACTIONS)[number];

/** ISO weekday numbers (1 = Monday) with their short names, for the send window. */
export const WEEKDAYS = [
  { value: 1, label: "Mon" },
  { value: 2, label: "Tue" },
  { value: 3, label: "Wed" },
  { value: 4, label: "Thu" },
  { value: 5, label: "Fri" },
  { value: 6, label: "Sat" },
  { value: 7, label: "Sun" },
] as const;
/** Limits of a version's send settings (steps.ts validates them; the editor shows them). */
export const SEND_LIMITS = { holidays: 366, dailyCap: 1_000_000 } as const;

// Shared with render-template so validation and rendering agree on what a merge field is.
// The name part is deliberately loose ([^{}]*) so that "{{ first name }}" is reported as an
// unknown field instead of silently passing through as plain text.
export const MERGE_FIELD_PATTERN = /\{\{\s*([^{}]*?)\s*\}\}/g;

/**
 * One merge tag's inside: a field name and an optional fallback, `first_name` or
 * `company | "your team"`. Field names are letters, digits and '_' (custom contact attributes
 * included); null when the inside is not a well-formed tag.
 */
export function parseMergeTag(inside: string): { name: string; fallback: string | null } | null {
  const match = /^([A-Za-z_][A-Za-z0-9_]{0,63})\s*(?:\|\s*"([^"]*)")?$/.exec(inside.trim());
  if (!match) return null;
  return { name: match[1]!, fallback: match[2] ?? null };
}

/**
 * Merge field names in order of first appearance, without duplicates. A malformed tag is
 * returned as written (its whole inside), so validation can name it.
 */
export function mergeFieldsIn(text: string): string[] {
  const seen = new Set<string>();
  for (const match of text.matchAll(MERGE_FIELD_PATTERN)) {
    const inside = match[1] ?? "";
    seen.add(parseMergeTag(inside)?.name ?? inside);
  }
  return [...seen];
}

export function isContactMergeField(name: string): name is ContactMergeField {
  return (CONTACT_MERGE_FIELDS as readonly string[]).includes(name);
}

/** Injectable randomness keeps key generation deterministic in tests. */
export function newStepKey(random: () => string): string {
  const sanitized = random()
    .replace(/[^A-Za-z0-9_-]/g, "")
    .slice(0, 62);
  return `s_${sanitized}`;
}

type StepOfType<T extends StepType> = Extract<Step, { type: T }>;

const blankSteps: { [T in StepType]: (key: string) => StepOfType<T> } = {
  email: (key) => ({ key, type: "email", subject: "", body: "" }),
  sms: (key) => ({ key, type: "sms", body: "" }),
  wait: (key) => ({ key, type: "wait", amount: 1, unit: "days", businessDaysOnly: false }),
  task: (key) => ({ key, type: "task", title: "", note: "" }),
};

/** A placeholder the editor inserts; it may fail validation until the marketer fills it in. */
export function blankStep<T extends StepType>(type: T, key: string): StepOfType<T> {
  const make: (key: string) => StepOfType<T> = blankSteps[type];
  return make(key);
}
