"use client";
import type { LintFinding } from "@/lib/domain/lint/types";

/**
 * Guardrails in the publish dialog: errors block the Publish button; warnings are listed and
 * need one explicit tick ("publish anyway"), which is sent with the publish and stored with the
 * version.
 */
export function LintFindings({
  findings,
  audience,
  acknowledged,
  onAcknowledge,
}: {
  findings: LintFinding[];
  audience: string | null;
  acknowledged: boolean;
  /** Omitted where nobody publishes (the review page): the findings without the tick box. */
  onAcknowledge?: (value: boolean) => void;
}) {
  const errors = findings.filter((f) => f.severity === "error");
  const warnings = findings.filter((f) => f.severity === "warning");
  if (findings.length === 0) {
    return (
      <p
        className="rounded-lg bg-emerald-50 p-3 text-sm text-emerald-900 ring-1 ring-emerald-200"
        data-testid="lint-clean"
      >
        Guardrails: no problems found.
      </p>
    );
  }
  return (
    <div className="space-y-3" data-testid="lint-findings">
      {errors.length > 0 ? (
        <section
          aria-labelledby="lint-errors"
          className="rounded-lg bg-red-50 p-4 ring-1 ring-red-200"
          data-testid="lint-errors"
        >
          <h3 id="lint-errors" className="text-sm font-semibold text-red-900">
            {errors.length === 1 ? "1 guardrail blocks publishing" : `${errors.length} guardrails block publishing`}
          </h3>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-red-800">
            {errors.map((f) => (
              <li key={f.id}>{f.message}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {warnings.length > 0 ? (
        <section
          aria-labelledby="lint-warnings"
          className="rounded-lg bg-amber-50 p-4 ring-1 ring-amber-200"
          data-testid="lint-warnings"
        >
          <h3 id="lint-warnings" className="text-sm font-semibold text-amber-950">
            {warnings.length === 1 ? "1 warning" : `${warnings.length} warnings`}
          </h3>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-amber-950">
            {warnings.map((f) => (
              <li key={f.id}>{f.message}</li>
            ))}
          </ul>
          {audience ? (
            <p className="mt-2 text-xs text-amber-900">Audience for the merge-field figures: {audience}.</p>
          ) : null}
          <p className="mt-2 text-xs text-amber-900">
            A missing postal address is a warning, not an error: set it once in Settings &gt; Organization and put it in
            every email footer.
          </p>
          {onAcknowledge ? (
            <label className="mt-3 flex items-start gap-2 text-sm font-medium text-amber-950">
              <input
                type="checkbox"
                className="mt-0.5 size-4 rounded border-amber-400"
                checked={acknowledged}
                onChange={(e) => onAcknowledge(e.target.checked)}
                data-testid="acknowledge-warnings"
              />
              I have read {warnings.length === 1 ? "this warning" : `these ${warnings.length} warnings`} and want to
              publish anyway (recorded with the version)
            </label>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
