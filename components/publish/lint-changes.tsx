import type { LintFinding } from "@/lib/domain/lint/types";

type Props = {
  /** `ageMs`: how old the audience figures behind the findings are. */
  changes: { appeared: LintFinding[]; disappeared: LintFinding[]; ageMs?: number } | null;
  fromLabel: string;
  toLabel: string;
  /** Step keys of the `from` side, to tell "removed the link" from "added an email without one". */
  fromKeys: ReadonlySet<string>;
  /** When the figures are reused between page loads: for how long at most. */
  reuseSeconds?: number;
};

function headline(f: LintFinding, toLabel: string, fromKeys: ReadonlySet<string>, appeared: boolean): string {
  if (f.rule === "email-unsubscribe-missing" && f.stepKey && fromKeys.has(f.stepKey)) {
    return appeared ? `${toLabel} removed the unsubscribe link` : `${toLabel} added the unsubscribe link`;
  }
  return appeared ? `New in ${toLabel}` : `Fixed in ${toLabel}`;
}

/** The guardrail findings that one version gained or lost against another (shown on the compare page). */
export function LintChangesView({ changes, fromLabel, toLabel, fromKeys, reuseSeconds }: Props) {
  if (!changes) {
    return (
      <p className="mb-4 text-sm text-slate-600">
        Guardrail changes appear once the draft is valid (see the editor for what to fix).
      </p>
    );
  }
  const { appeared, disappeared } = changes;
  return (
    <section
      aria-labelledby="lint-changes-heading"
      className="mb-6 rounded-lg bg-white p-4 ring-1 ring-slate-200"
      data-testid="lint-changes"
    >
      <h2 id="lint-changes-heading" className="text-sm font-semibold text-slate-900">
        Guardrail changes from {fromLabel} to {toLabel}
      </h2>
      {appeared.length === 0 && disappeared.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">No guardrail finding appeared or disappeared.</p>
      ) : (
        <ul className="mt-2 space-y-1 text-sm">
          {appeared.map((f) => (
            <li key={`a-${f.id}`} className={f.severity === "error" ? "text-red-800" : "text-amber-900"}>
              <span className="font-medium">
                {headline(f, toLabel, fromKeys, true)} ({f.severity}):
              </span>{" "}
              {f.message}
            </li>
          ))}
          {disappeared.map((f) => (
            <li key={`d-${f.id}`} className="text-emerald-800">
              <span className="font-medium">{headline(f, toLabel, fromKeys, false)}:</span> {f.message}
            </li>
          ))}
        </ul>
      )}
      {reuseSeconds && changes.ageMs !== undefined ? (
        <p className="mt-2 text-xs text-slate-600" data-testid="lint-changes-age">
          Both versions are judged against the same contact figures, computed{" "}
          {changes.ageMs < 1000 ? "just now" : `${Math.round(changes.ageMs / 1000)} s ago`} (reused for up to{" "}
          {reuseSeconds} s).
        </p>
      ) : null}
    </section>
  );
}
