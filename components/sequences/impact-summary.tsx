"use client";
import type { UseQueryResult } from "@tanstack/react-query";
import { formatCount, plural } from "@/components/ui/format";
import type { publishImpactAction } from "@/lib/actions/sequence-reads";
import { STEP_META, stepSummary } from "@/components/steps/step-meta";

type VersionImpact = Extract<Awaited<ReturnType<typeof publishImpactAction>>, { ok: true }>["data"][number];

/** "1,204 contacts are on v3 and stay on v3", broken down by where each contact actually is. */
type ImpactStep = VersionImpact["steps"][number];

function describe(index: number, step: ImpactStep["step"]): string {
  return step ? `step ${index + 1} · ${STEP_META[step.type].label}: ${stepSummary(step)}` : `step ${index + 1}`;
}

/** Where the contacts actually are: inside a wait (or on a task) before the next step, or about to run it. */
function whereIs(s: ImpactStep): string {
  if (s.waitingIn) {
    const what = s.waitingIn.step.type === "wait" ? "Waiting in" : "Waiting for the task at";
    const next = s.step ? `, then ${describe(s.stepIndex, s.step)}` : ", then done";
    return `${what} ${describe(s.waitingIn.stepIndex, s.waitingIn.step)}${next}`;
  }
  if (!s.step) return "Past the last step";
  const text = describe(s.stepIndex, s.step);
  return `At ${text}`;
}

const NONE: ReadonlySet<number> = new Set();

export function ImpactSummary({
  query,
  moving = NONE,
  wizard = false,
}: {
  query: UseQueryResult<VersionImpact[]>;
  /** Versions whose contacts the chosen in-flight plan moves to the new version. */
  moving?: ReadonlySet<number>;
  wizard?: boolean;
}) {
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
                {plural(v.total, "contact")} {v.total === 1 ? "is" : "are"} on v{v.versionNumber} and{" "}
                {moving.has(v.versionNumber)
                  ? `${v.total === 1 ? "gets" : "get"} the fix: ${v.total === 1 ? "it moves" : "they move"} to the new version at the same step.`
                  : `${v.total === 1 ? "stays" : "stay"} on v${v.versionNumber}${wizard ? " until you move them in the migration wizard" : ""}.`}
              </p>
              <ul className="mt-1 grid gap-x-6 gap-y-0.5 text-xs text-slate-600 sm:grid-cols-2">
                {v.steps.map((s) => (
                  <li key={`${s.stepIndex}-${s.stepKey ?? ""}`} className="flex justify-between gap-3">
                    <span className="truncate">{whereIs(s)}</span>
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
