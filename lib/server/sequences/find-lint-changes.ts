import "server-only";
import { lintChanges, lintVersion } from "@/lib/domain/lint/lint-version";
import { fieldsNeedingStats, tagsOf } from "@/lib/domain/lint/merge-fields";
import type { LintContext, LintFinding } from "@/lib/domain/lint/types";
import type { Step, VersionContent } from "@/lib/domain/steps";
import { validateDraft } from "@/lib/domain/validate-draft";
import { db } from "../db";
import { loadLintContext } from "./load-lint-context";

/** `ageMs`: how old the audience figures the findings were judged with are (see LINT_CONTEXT_TTL_MS). */
export type LintChanges = { appeared: LintFinding[]; disappeared: LintFinding[]; ageMs: number };

/**
 * How long the compare page reuses one sequence's guardrail context (postal address, custom keys,
 * audience emptiness over a sample of up to 10,000 contacts). Those figures move slowly and are the
 * page's costliest queries; publishing always loads them fresh.
 */
export const LINT_CONTEXT_TTL_MS = 30_000;
const MAX_ENTRIES = 200;
const cache = new Map<string, { at: number; context: Promise<LintContext> }>();

/** The context for these steps, shared by concurrent and recent requests (one load per key at a time). */
function contextFor(sequenceId: string, steps: readonly Step[]): { at: number; context: Promise<LintContext> } {
  const names = [...new Set(steps.flatMap((step) => [...tagsOf(step).keys()]))].sort();
  const key = JSON.stringify([sequenceId, names, fieldsNeedingStats(steps)]);
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && now - hit.at < LINT_CONTEXT_TTL_MS) return hit;
  for (const [k, entry] of cache)
    if (now - entry.at >= LINT_CONTEXT_TTL_MS || cache.size >= MAX_ENTRIES) cache.delete(k);
  const entry = { at: now, context: loadLintContext(db(), { sequenceId, steps }) };
  // A failed load is not remembered: the next request tries again.
  entry.context.catch(() => {
    if (cache.get(key) === entry) cache.delete(key);
  });
  cache.set(key, entry);
  return entry;
}

/**
 * Guardrail findings that appeared or disappeared between two contents (versions, or a version
 * and the draft), both judged against the same contacts and settings so only the content differs.
 * Null when the `to` side is a draft that does not validate yet.
 */
export async function findLintChanges(options: {
  sequenceId: string;
  from: VersionContent;
  to: unknown;
}): Promise<LintChanges | null> {
  const to = validateDraft(options.to);
  if (!to.ok) return null;
  const { at, context: loading } = contextFor(options.sequenceId, [...options.from.steps, ...to.content.steps]);
  const context = await loading;
  return {
    ...lintChanges(lintVersion(options.from, context), lintVersion(to.content, context)),
    ageMs: Date.now() - at,
  };
}
