"use client";
import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import type { DraftStep } from "@/lib/domain/draft";
import { StepIcon } from "@/components/steps/step-icon";
import { STEP_META, stepSummary } from "@/components/steps/step-meta";
import { StepFields, type StepPatch } from "@/components/steps/step-fields";

type Props = {
  step: DraftStep;
  index: number;
  dayLabel: string;
  /** The long form when the day is a range ("Day 3-5, depending on weekends"). */
  dayTitle?: string;
  stepError: string | null;
  errorFor: (field: string) => string | null;
  onChange: (patch: StepPatch) => void;
  onTouch: (field: string) => void;
  onDelete: () => void;
  autoFocus: boolean;
};

export function StepCard({
  step,
  index,
  dayLabel,
  dayTitle,
  stepError,
  errorFor,
  onChange,
  onTouch,
  onDelete,
  autoFocus,
}: Props) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: step.key,
  });
  const meta = STEP_META[step.type];
  const headingId = `${step.key}-heading`;
  const style = { transform: CSS.Translate.toString(transform), transition };

  return (
    <li
      ref={setNodeRef}
      style={style}
      data-testid="step-card"
      data-step-key={step.key}
      className={`flex gap-4 ${isDragging ? "relative z-10" : ""}`}
    >
      <div
        className="w-16 shrink-0 pt-4 text-right text-xs font-semibold tracking-wide text-slate-500 uppercase"
        data-testid="step-day"
        title={dayTitle}
      >
        {dayLabel}
        {dayTitle && dayTitle !== dayLabel ? (
          <span className="mt-0.5 block text-[11px] leading-tight font-normal tracking-normal normal-case">
            {dayTitle.slice(dayLabel.length + 2)}
          </span>
        ) : null}
      </div>
      <section
        aria-labelledby={headingId}
        className={`min-w-0 flex-1 rounded-lg bg-white shadow-sm ring-1 ${stepError ? "ring-red-300" : "ring-slate-200"} ${isDragging ? "shadow-lg ring-2 ring-indigo-400" : ""}`}
      >
        <div className="flex items-center gap-2 border-b border-slate-100 px-3 py-2">
          <button
            type="button"
            ref={setActivatorNodeRef}
            {...attributes}
            {...listeners}
            aria-label={`Reorder step ${index + 1}: ${meta.label}, ${stepSummary(step)}`}
            data-testid="drag-handle"
            className="flex size-8 cursor-grab touch-none items-center justify-center rounded-md text-slate-500 hover:bg-slate-100 hover:text-slate-800 active:cursor-grabbing"
          >
            <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="currentColor">
              <circle cx="7" cy="5" r="1.5" />
              <circle cx="13" cy="5" r="1.5" />
              <circle cx="7" cy="10" r="1.5" />
              <circle cx="13" cy="10" r="1.5" />
              <circle cx="7" cy="15" r="1.5" />
              <circle cx="13" cy="15" r="1.5" />
            </svg>
          </button>
          <span className={`inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-medium ${meta.accent}`}>
            <StepIcon type={step.type} />
            {meta.label}
          </span>
          <h3 id={headingId} className="min-w-0 truncate text-sm font-medium text-slate-700">
            Step {index + 1}
            <span className="text-slate-500"> · {stepSummary(step)}</span>
          </h3>
          <button
            type="button"
            onClick={onDelete}
            aria-label={`Delete step ${index + 1}`}
            className="ml-auto rounded-md px-2 py-1 text-xs font-medium text-slate-600 hover:bg-red-50 hover:text-red-700"
          >
            Delete
          </button>
        </div>
        <div className="p-4">
          {stepError ? (
            <p role="alert" className="mb-3 text-xs text-red-700">
              {stepError}
            </p>
          ) : null}
          <StepFields step={step} onChange={onChange} errorFor={errorFor} onTouch={onTouch} autoFocus={autoFocus} />
        </div>
      </section>
    </li>
  );
}
