import "server-only";
import { lintErrors, lintVersion, unacknowledged } from "@/lib/domain/lint/lint-version";
import type { PublishRecord } from "@/lib/domain/lint/publish-record";
import type { LintContext } from "@/lib/domain/lint/types";
import type { VersionContent } from "@/lib/domain/steps";
import { DomainError } from "../errors";

/**
 * The guardrails at publish, over a context loaded for exactly this content: any error refuses the publish;
 * warnings must all be acknowledged when the caller lists acknowledgements (the dialog does),
 * and a caller without a dialog (API, scripts: `acknowledgedWarnings` undefined) publishes with
 * them recorded as acknowledged by the caller. Returns the record stored with the version.
 */
export function checkGuardrails(options: {
  content: VersionContent;
  context: LintContext;
  acknowledgedWarnings?: readonly string[];
}): Omit<PublishRecord, "inFlight"> {
  const { context } = options;
  const findings = lintVersion(options.content, context);
  const errors = lintErrors(findings);
  if (errors.length > 0) {
    throw new DomainError(
      `${errors.length === 1 ? "A guardrail blocks" : `${errors.length} guardrails block`} publishing: ${errors[0]!.message}${errors.length > 1 ? " (and more)" : ""}`,
      "invalid",
      { lintErrors: errors },
    );
  }
  const warnings = findings.filter((f) => f.severity === "warning");
  if (options.acknowledgedWarnings !== undefined) {
    const missing = unacknowledged(findings, options.acknowledgedWarnings);
    if (missing.length > 0) {
      throw new DomainError(
        `Acknowledge ${missing.length === 1 ? "the warning" : `the ${missing.length} warnings`} before publishing: ${missing[0]!.message}`,
        "invalid",
        { unacknowledgedWarnings: missing },
      );
    }
  }
  return {
    findings,
    acknowledgedWarnings: warnings.map((w) => w.id),
    acknowledgement: options.acknowledgedWarnings === undefined ? "caller" : "dialog",
    audience: context.audience?.description ?? null,
  };
}
