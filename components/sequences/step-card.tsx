"use client";
import type { DraftStep } from "@/lib/domain/draft";
import { STEP_TYPES, type StepType } from "@/lib/domain/step-kinds";
import type { DragBinding } from "@/components/editor/drag-binding";
import { InsertStep } from "@/components/editor/insert-step";
import { StepIcon } from "@/components/steps/step-icon";
import { STEP_META, stepSummary } from "@/components/steps/step-meta";
import { StepFields, type StepPatch } from "@/components/steps/step-fields";

type Props = {
  step: DraftStep;
  index: number;
  total: number;
  dayLabel: string;
  /** The long form when the day is a range ("Day 3-5, depending on weekends"). */
  dayTitle?: string;
  stepError: string | null;
  errorFor: (field: string) => string | null;
  onChange: (patch: StepPatch) => void;
  onTouch: (field: string) => void;
  onDelete: () => void;
  onDuplicate: () => void;
  onMove: (delta: -1 | 1) => void;
  onChangeType: (type: StepType) => void;
  onInsertBefore: (type: StepType) => void;
  onSelect: () => void;
  selected: boolean;
  autoFocus: boolean;
  drag: DragBinding | null;
};

const toolClass =
  "rounded-md px-2 py-1 text-xs font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 disabled:cursor-not-allowed disabled:text-slate-300 disabled:hover:bg-transparent";

export function StepCard({
  step,
  index,
  total,
  dayLabel,
  dayTitle,
  stepError,
  errorFor,
  onChange,
  onTouch,
  onDelete,
  onDuplicate,
  onMove,
  onChangeType,
  onInsertBefore,
  onSelect,
  selected,
  autoFocus,
  drag,
}: Props) {
  const meta = STEP_META[step.type];
  const headingId = `${step.key}-heading`;
  const n = index + 1;
  const ring = drag?.isDragging
    ? "shadow-lg ring-2 ring-indigo-400"
    : stepError
      ? "ring-1 ring-red-300"
      : selected
        ? "ring-2 ring-indigo-300"
        : "ring-1 ring-slate-200";

  return (
    <li
      ref={drag?.setNodeRef}
      style={drag?.style}
      data-testid="step-card"
      data-step-key={step.key}
      data-step-type={step.type}
      className={drag?.isDragging ? "relative z-10" : ""}
      onFocus={onSelect}
      onPointerDown={onSelect}
    >
      <InsertStep position={n} onInsert={onInsertBefore} />
      <div className="flex gap-4">
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
          tabIndex={-1}
          data-step-section
          className={`min-w-0 flex-1 rounded-lg bg-white shadow-sm outline-none ${ring}`}
        >
          <div className="flex flex-wrap items-center gap-2 border-b border-slate-100 px-3 py-2">
            <button
              type="button"
              ref={drag?.setActivatorNodeRef}
              {...drag?.handleProps}
              aria-label={`Reorder step ${n}: ${meta.label}, ${stepSummary(step)}`}
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
            <span className={`inline-flex items-center rounded ${meta.accent}`}>
              <span className="pl-1.5" aria-hidden="true">
                <StepIcon type={step.type} />
              </span>
              <select
                aria-label={`Type of step ${n}`}
                data-testid="step-type"
                value={step.type}
                onChange={(e) => onChangeType(e.target.value as StepType)}
                className="cursor-pointer appearance-none rounded bg-transparent py-0.5 pr-1.5 pl-1 text-xs font-medium focus:ring-2 focus:ring-indigo-600 focus:outline-none"
              >
                {STEP_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {STEP_META[type].label}
                  </option>
                ))}
              </select>
            </span>
            <h3 id={headingId} className="min-w-0 flex-1 truncate text-sm font-medium text-slate-700">
              Step {n}
              <span className="text-slate-500"> · {stepSummary(step)}</span>
            </h3>
            <div className="ml-auto flex items-center gap-0.5">
              <button
                type="button"
                className={toolClass}
                onClick={() => onMove(-1)}
                disabled={index === 0}
                aria-label={`Move step ${n} up`}
                title="Move up (Alt+Shift+↑)"
              >
                ↑
              </button>
              <button
                type="button"
                className={toolClass}
                onClick={() => onMove(1)}
                disabled={index === total - 1}
                aria-label={`Move step ${n} down`}
                title="Move down (Alt+Shift+↓)"
              >
                ↓
              </button>
              <button
                type="button"
                className={toolClass}
                onClick={onDuplicate}
                aria-label={`Duplicate step ${n}`}
                title="Duplicate (Alt+Shift+D)"
              >
                Duplicate
              </button>
              <button
                type="button"
                onClick={onDelete}
                aria-label={`Delete step ${n}`}
                title="Delete (Alt+Shift+Backspace)"
                className="rounded-md px-2 py-1 text-xs font-medium text-slate-600 hover:bg-red-50 hover:text-red-700"
              >
                Delete
              </button>
            </div>
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
      </div>
    </li>
  );
}
