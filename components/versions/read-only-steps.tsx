import { StepIcon } from "@/components/steps/step-icon";
import { STEP_META, stepSummary, waitText } from "@/components/steps/step-meta";
import { EmptyState } from "@/components/ui/empty-state";
import type { DraftStep } from "@/lib/domain/draft";
import { describeDayRange, formatDayRange, stepDayRanges, type ScheduleSettings } from "@/lib/domain/schedule-labels";

function StepBody({ step }: { step: DraftStep }) {
  switch (step.type) {
    case "email":
      return (
        <>
          <p className="font-medium break-words text-slate-900">{step.subject || "Untitled email"}</p>
          <p className="mt-1 line-clamp-3 text-sm break-words whitespace-pre-wrap text-slate-600">{step.body}</p>
        </>
      );
    case "sms":
      return <p className="text-sm break-words whitespace-pre-wrap text-slate-800">{step.body || "Empty SMS"}</p>;
    case "wait":
      return <p className="text-sm font-medium text-slate-800">{waitText(step)}</p>;
    case "task":
      return (
        <>
          <p className="font-medium break-words text-slate-900">{step.title || "Untitled task"}</p>
          {step.note ? (
            <p className="mt-1 text-sm break-words whitespace-pre-wrap text-slate-600">{step.note}</p>
          ) : null}
        </>
      );
  }
}

/** Steps as they are, no controls: published versions, and the draft as a viewer sees it. */
export function ReadOnlySteps({ steps, settings }: { steps: readonly DraftStep[]; settings?: ScheduleSettings }) {
  if (steps.length === 0) return <EmptyState title="No steps">This has no steps yet.</EmptyState>;
  const ranges = stepDayRanges(steps, settings);
  return (
    <ol className="space-y-3" aria-label="Steps">
      {steps.map((step, index) => (
        <li
          key={step.key}
          data-testid="step-card"
          data-step-key={step.key}
          aria-label={`Step ${index + 1}: ${STEP_META[step.type].label}, ${stepSummary(step)}`}
          className="flex gap-4"
        >
          <div
            className="w-16 shrink-0 pt-4 text-right text-xs font-semibold tracking-wide text-slate-500 uppercase"
            data-testid="step-day"
            title={ranges[index] ? describeDayRange(ranges[index]) : undefined}
          >
            {formatDayRange(ranges[index] ?? { min: 0, max: 0 })}
          </div>
          <div className="min-w-0 flex-1 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
            <div className="mb-2 flex items-center gap-2 text-xs text-slate-500">
              <span
                className={`inline-flex items-center gap-1 rounded px-1.5 py-0.5 font-medium ${STEP_META[step.type].accent}`}
              >
                <StepIcon type={step.type} />
                {STEP_META[step.type].label}
              </span>
              <span>Step {index + 1}</span>
            </div>
            <StepBody step={step} />
          </div>
        </li>
      ))}
    </ol>
  );
}
