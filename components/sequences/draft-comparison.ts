import { contentHash } from "@/lib/domain/canonical-hash";
import type { DraftContent } from "@/lib/domain/draft";
import { validateDraft, type DraftError, type DraftValidation } from "@/lib/domain/validate-draft";

export type ActiveVersionRef = { number: number; contentHash: string } | null;

/**
 * "Draft is identical to v4" only when the draft would publish to the very same content hash; an
 * invalid draft cannot be published, so it always differs.
 */
export function compareDraft(
  validation: DraftValidation,
  active: ActiveVersionRef,
): { identical: boolean; text: string } {
  if (!active) return { identical: false, text: "Never published" };
  const identical = validation.ok && contentHash(validation.content) === active.contentHash;
  return {
    identical,
    text: identical ? `Draft is identical to v${active.number}` : `Draft differs from v${active.number}`,
  };
}

export function draftComparisonText(draft: DraftContent, active: ActiveVersionRef): string {
  return compareDraft(validateDraft(draft), active).text;
}

/** First message per step key and field, for putting errors under the right input. */
export function errorsByField(errors: readonly DraftError[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const e of errors) {
    if (e.stepKey === null) continue;
    const id = `${e.stepKey}:${e.field}`;
    if (!map.has(id)) map.set(id, e.message);
  }
  return map;
}

/** Everything the editor derives from a draft, in one call (loaded lazily: it brings zod along). */
export function checkDraft(draft: DraftContent, active: ActiveVersionRef) {
  const validation = validateDraft(draft);
  return {
    validation,
    comparison: compareDraft(validation, active),
    errors: errorsByField(validation.ok ? [] : validation.errors),
  };
}
