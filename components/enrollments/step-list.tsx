import { STEP_META, stepSummary } from "@/components/steps/step-meta";
import { formatDateTime, formatTime } from "@/lib/domain/format-date";
import type { StepView } from "@/lib/domain/step-states";
import type { MessageDelivery } from "@/lib/views/enrollments";
import { DeliveryStatus } from "./delivery-status";

const STATE: Record<StepView["state"], { label: string; dot: string; text: string }> = {
  done: { label: "Done", dot: "bg-green-600 text-white", text: "text-slate-700" },
  current: {
    label: "Current",
    dot: "bg-indigo-600 text-white ring-4 ring-indigo-100",
    text: "text-slate-900 font-medium",
  },
  upcoming: { label: "Upcoming", dot: "bg-white text-slate-600 ring-1 ring-slate-300", text: "text-slate-800" },
  not_reached: {
    label: "Not reached",
    dot: "bg-slate-100 text-slate-500 ring-1 ring-slate-200",
    text: "text-slate-500",
  },
};

/** The pinned version's steps in order, each with where the contact stands and when it ran or is expected. */
export function StepList({
  steps,
  deliveries = {},
  zone,
  contactZone,
}: {
  steps: StepView[];
  deliveries?: Record<string, MessageDelivery>;
  /** The user's display zone. */
  zone: string;
  /** The contact's zone (its own, else the organisation's): upcoming steps also say the contact's local time. */
  contactZone?: string;
}) {
  if (steps.length === 0) return <p className="px-5 py-4 text-sm text-slate-600">This version has no steps.</p>;
  return (
    <ol className="divide-y divide-slate-100" aria-label="Steps of the pinned version">
      {steps.map((view) => {
        const meta = STEP_META[view.step.type];
        const state = STATE[view.state];
        const when =
          view.state === "done"
            ? view.executedAt
              ? `${view.step.type === "task" ? "Completed" : "Ran"} ${formatDateTime(view.executedAt, zone)}`
              : "Done"
            : view.expectedAt
              ? `${view.state === "current" && view.step.type === "wait" ? "Until" : "Expected"} ${formatDateTime(view.expectedAt, zone)}`
              : null;
        return (
          <li
            key={view.step.key}
            data-testid="pinned-step"
            data-step-key={view.step.key}
            data-state={view.state}
            className="flex items-start gap-3 px-5 py-3"
          >
            <span
              className={`mt-0.5 inline-flex h-6 w-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold tabular-nums ${state.dot}`}
              aria-hidden="true"
            >
              {view.state === "done" ? "✓" : view.index + 1}
            </span>
            <div className="min-w-0 flex-1">
              <p className={`flex min-w-0 items-start gap-2 text-sm ${state.text}`}>
                <span
                  className={`mt-px inline-flex h-5 shrink-0 items-center rounded px-1.5 text-[11px] font-medium ${meta.accent}`}
                >
                  <span aria-hidden="true">{meta.icon}&nbsp;</span>
                  {meta.label}
                </span>
                <span className="line-clamp-2 break-words">{stepSummary(view.step)}</span>
              </p>
              {view.note ? <p className="mt-0.5 text-xs text-slate-600">{view.note}</p> : null}
              {deliveries[view.step.key] ? <DeliveryStatus delivery={deliveries[view.step.key]!} zone={zone} /> : null}
            </div>
            <div className="shrink-0 text-right">
              <p className="text-xs font-medium text-slate-700">
                <span className="sr-only">Step {view.index + 1}: </span>
                {state.label}
              </p>
              {when ? <p className="text-xs text-slate-500">{when}</p> : null}
              {view.state !== "done" && view.expectedAt && contactZone ? (
                <p className="text-xs text-slate-500" data-testid="contact-local-time">
                  {formatTime(view.expectedAt, contactZone, { weekday: true })} for the contact ({contactZone})
                </p>
              ) : null}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
