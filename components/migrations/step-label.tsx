import { STEP_META, stepSummary } from "@/components/steps/step-meta";
import type { Step } from "@/lib/domain/steps";
import type { MigrationVersionOption } from "@/lib/views/migrations";

export type VersionOption = MigrationVersionOption;

/** "3 · ✉ Three tips": the position (1-based), the type and the step's one-line summary. */
export function StepLabel({ step, index, muted = false }: { step: Step; index: number; muted?: boolean }) {
  const meta = STEP_META[step.type];
  return (
    <span className={`inline-flex min-w-0 items-center gap-1.5 ${muted ? "text-slate-500" : "text-slate-900"}`}>
      <span className="text-xs text-slate-500 tabular-nums">{index + 1}</span>
      <span
        className={`inline-flex h-5 w-5 shrink-0 items-center justify-center rounded text-[11px] ${meta.accent}`}
        aria-hidden="true"
      >
        {meta.icon}
      </span>
      <span className="truncate">
        <span className="sr-only">{meta.label}: </span>
        {stepSummary(step)}
      </span>
    </span>
  );
}

export function stepText(step: Step | undefined | null, index: number): string {
  return step ? `${index + 1}. ${STEP_META[step.type].label}: ${stepSummary(step)}` : "the end";
}
