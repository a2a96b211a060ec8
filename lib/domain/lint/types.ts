import type { VersionContent } from "../steps";

export type LintSeverity = "error" | "warning";

export type LintRule =
  | "email-unsubscribe-missing"
  | "email-postal-address-missing"
  | "subject-empty"
  | "subject-too-long"
  | "link-not-https"
  | "sms-opt-out-missing"
  | "sms-too-many-segments"
  | "merge-field-unknown"
  | "merge-field-empty"
  | "emails-same-day"
  | "no-wait-after-email";

/**
 * One guardrail finding. `id` is stable across runs over the same content (rule, step, subject
 * of the finding), so a warning acknowledged in the dialog can be matched at publish time even
 * if its wording (a percentage) moved in between.
 */
export type LintFinding = {
  id: string;
  rule: LintRule;
  severity: LintSeverity;
  stepKey?: string;
  message: string;
};

/** Per-field emptiness over the audience: how many of `total` contacts have no value. */
export type AudienceStats = { total: number; empty: Readonly<Record<string, number>>; description: string };

export type LintContext = {
  /** organization_settings.postal_address; "" when not set. */
  postalAddress: string;
  /** Custom attribute keys (CSV import, API) that some contact has; the server looks up only those the content uses. */
  attributeKeys: readonly string[];
  /** Null when not computed (no database at hand): the emptiness rule is then skipped. */
  audience: AudienceStats | null;
};

export type LintRuleGroup = (content: VersionContent, context: LintContext) => LintFinding[];

export function finding(
  rule: LintRule,
  severity: LintSeverity,
  message: string,
  stepKey?: string,
  subject?: string,
): LintFinding {
  const id = [rule, stepKey ?? "", subject ?? ""].join(":");
  return stepKey === undefined ? { id, rule, severity, message } : { id, rule, severity, stepKey, message };
}
