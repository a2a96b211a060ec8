import "server-only";
import { lintChanges, lintVersion } from "@/lib/domain/lint/lint-version";
import type { LintFinding } from "@/lib/domain/lint/types";
import type { VersionContent } from "@/lib/domain/steps";
import { validateDraft } from "@/lib/domain/validate-draft";
import { db } from "../db";
import { loadLintContext } from "./load-lint-context";

export type LintChanges = { appeared: LintFinding[]; disappeared: LintFinding[] };

/**
 * Guardrail findings that appeared or disappeared between two contents (versions, or a version
 * and the draft), both judged against today's contacts and settings so only the content differs.
 * Null when the `to` side is a draft that does not validate yet.
 */
export async function findLintChanges(options: {
  sequenceId: string;
  from: VersionContent;
  to: unknown;
}): Promise<LintChanges | null> {
  const to = validateDraft(options.to);
  if (!to.ok) return null;
  const context = await loadLintContext(db(), {
    sequenceId: options.sequenceId,
    steps: [...options.from.steps, ...to.content.steps],
  });
  return lintChanges(lintVersion(options.from, context), lintVersion(to.content, context));
}
