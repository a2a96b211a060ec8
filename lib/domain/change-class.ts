import type { DiffRow, VersionDiff } from "./version-diff";

/**
 * What kind of change a publish makes, per step and overall, read from the semantic diff:
 * - content: only what a contact reads changed (subject, body, SMS text, task title/note);
 *   a contact moved to the new version at the same step sees the fix and nothing else moves;
 * - timing: a wait's length or unit changed (who is waiting already has a wake-up time);
 * - structural: steps added, removed, reordered or changed type; settings changed.
 * Only a content-only change can reach in-flight contacts through the identity step map.
 */
export type ChangeClass = "none" | "content" | "timing" | "structural";

const RANK: Record<ChangeClass, number> = { none: 0, content: 1, timing: 2, structural: 3 };
const CONTENT_FIELDS = new Set(["subject", "body", "title", "note"]);
const TIMING_FIELDS = new Set(["amount", "unit", "businessDaysOnly"]);

export type StepChange = { key: string; change: ChangeClass; fields: string[] };
export type ChangeClassification = { overall: ChangeClass; steps: StepChange[] };

export function classifyRow(row: DiffRow): ChangeClass {
  if (row.status === "added" || row.status === "removed" || row.moved) return "structural";
  if (!row.modified) return "none";
  let change: ChangeClass = "none";
  for (const { field } of row.fields) {
    const kind: ChangeClass = CONTENT_FIELDS.has(field)
      ? "content"
      : TIMING_FIELDS.has(field)
        ? "timing"
        : "structural";
    if (RANK[kind] > RANK[change]) change = kind;
  }
  return change;
}

export function classifyChange(diff: VersionDiff, options: { settingsChanged?: boolean } = {}): ChangeClassification {
  const steps = diff.rows.map((row) => ({
    key: row.key,
    change: classifyRow(row),
    fields: row.fields.map((f) => f.field),
  }));
  let overall: ChangeClass = options.settingsChanged ? "structural" : "none";
  for (const step of steps) if (RANK[step.change] > RANK[overall]) overall = step.change;
  return { overall, steps };
}

/** The identity step map applies the change to in-flight contacts without moving anyone. */
export function contentOnly(classification: ChangeClassification): boolean {
  return classification.overall === "content";
}
