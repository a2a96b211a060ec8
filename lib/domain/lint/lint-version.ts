import type { VersionContent } from "../steps";
import { lintEmails } from "./email";
import { lintMergeFields } from "./merge-fields";
import { lintSms } from "./sms";
import { lintTiming } from "./timing";
import type { LintContext, LintFinding } from "./types";

const GROUPS = [lintEmails, lintSms, lintMergeFields, lintTiming];

/** Every guardrail over a version's content. Errors block publishing; warnings need an acknowledgement. */
export function lintVersion(content: VersionContent, context: LintContext): LintFinding[] {
  const findings = GROUPS.flatMap((group) => group(content, context));
  const order = new Map(content.steps.map((s, i) => [s.key, i]));
  return findings.sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1) ||
      (order.get(a.stepKey ?? "") ?? -1) - (order.get(b.stepKey ?? "") ?? -1),
  );
}

export function lintErrors(findings: readonly LintFinding[]): LintFinding[] {
  return findings.filter((f) => f.severity === "error");
}

export function lintWarnings(findings: readonly LintFinding[]): LintFinding[] {
  return findings.filter((f) => f.severity === "warning");
}

/** Warnings the caller did not acknowledge (matched by id). */
export function unacknowledged(findings: readonly LintFinding[], acknowledged: readonly string[]): LintFinding[] {
  const ids = new Set(acknowledged);
  return lintWarnings(findings).filter((f) => !ids.has(f.id));
}

/** Findings that appeared or disappeared between two versions, matched by id. */
export function lintChanges(
  from: readonly LintFinding[],
  to: readonly LintFinding[],
): { appeared: LintFinding[]; disappeared: LintFinding[] } {
  const fromIds = new Set(from.map((f) => f.id));
  const toIds = new Set(to.map((f) => f.id));
  return {
    appeared: to.filter((f) => !fromIds.has(f.id)),
    disappeared: from.filter((f) => !toIds.has(f.id)),
  };
}
