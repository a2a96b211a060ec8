"use client";
import type { UseQueryResult } from "@tanstack/react-query";
import { formatCount, plural } from "@/components/ui/format";
import type { publishImpactAction } from "@/lib/actions/sequence-reads";
import { STEP_META, stepSummary } from "@/components/steps/step-meta";

type VersionImpact = Extract<Awaited<ReturnType<typeof publishImpactAction>>, { ok: true }>["data"][number];

/** "1,204 contacts are on v3 and stay on v3", broken down by the step each contact is on now. */
export function ImpactSummary({ query }: { query: UseQueryResult<VersionImpact[]> }) {
  return (
    <section
      aria-labelledby="impact-heading"
      className="rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200"
      data-testid="publish-impact"
    >
      <h3 id="impact-heading" className="text-sm font-semibold text-slate-900">
        Contacts in flight
      </h3>
      {query.isPending ? (
        <p className="mt-1 text-sm text-slate-600">Counting contacts in flight…</p>
      ) : query.isError ? (
        <p role="alert" className="mt-1 text-sm text-red-700">
          Could not load the in-flight contacts: {query.error.message}
        </p>
      ) : query.data.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">
          No contacts are in flight. Only new enrollments will get the new version.
        </p>
      ) : (
        <ul className="mt-2 space-y-3">
          {query.data.map((v) => (
            <li key={v.versionNumber}>
              <p className="text-sm font-medium text-slate-800">
                {plural(v.total, "contact")} {v.total === 1 ? "is" : "are"} on v{v.versionNumber} and stay on v
                {v.versionNumber}.
              </p>
              <ul className="mt-1 grid gap-x-6 gap-y-0.5 text-xs text-slate-600 sm:grid-cols-2">
                {v.steps.map((s) => (
                  <li key={`${s.stepIndex}-${s.stepKey ?? ""}`} className="flex justify-between gap-3">
                    <span className="truncate">
                      Step {s.stepIndex + 1}
                      {s.step ? ` · ${STEP_META[s.step.type].label}: ${stepSummary(s.step)}` : ""}
                    </span>
                    <span className="font-medium text-slate-800 tabular-nums">{formatCount(s.count)}</span>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
