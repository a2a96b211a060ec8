import "server-only";
import { lintChanges, lintVersion } from "@/lib/domain/lint/lint-version";
import { fieldsNeedingStats, tagsOf } from "@/lib/domain/lint/merge-fields";
import type { LintContext, LintFinding } from "@/lib/domain/lint/types";
import type { Step, VersionContent } from "@/lib/domain/steps";
import { validateDraft } from "@/lib/domain/validate-draft";
import { shortLivedCache, type CacheEntry } from "../cache/short-lived-cache";
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
const cache = shortLivedCache<LintContext>({ ttlMs: LINT_CONTEXT_TTL_MS, maxEntries: 200 });

/** The context for these steps, shared by concurrent and recent requests (one load per key at a time). */
function contextFor(sequenceId: string, steps: readonly Step[]): CacheEntry<LintContext> {
  const names = [...new Set(steps.flatMap((step) => [...tagsOf(step).keys()]))].sort();
  const key = JSON.stringify([sequenceId, names, fieldsNeedingStats(steps)]);
  return cache.get(key, () => loadLintContext(db(), { sequenceId, steps }));
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
  const { at, value: loading } = contextFor(options.sequenceId, [...options.from.steps, ...to.content.steps]);
  const context = await loading;
  return {
    ...lintChanges(lintVersion(options.from, context), lintVersion(to.content, context)),
    ageMs: Date.now() - at,
  };
}
