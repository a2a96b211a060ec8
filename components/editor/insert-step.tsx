"use client";
import { useRef, useState } from "react";
import { STEP_TYPES, type StepType } from "@/lib/domain/step-kinds";
import { STEP_META } from "@/components/steps/step-meta";

/** The "+ Insert" control above a step: a button that opens the four step types, inline. */
export function InsertStep({ position, onInsert }: { position: number; onInsert: (type: StepType) => void }) {
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };
  return (
    <div
      className="group flex min-h-6 items-center gap-2 py-0.5 pl-20"
      onKeyDown={(e) => {
        if (e.key === "Escape" && open) {
          e.stopPropagation();
          close();
        }
      }}
    >
      <button
        ref={toggle}
        type="button"
        aria-expanded={open}
        aria-label={`Insert a step before step ${position}`}
        data-testid="insert-step"
        onClick={() => setOpen((o) => !o)}
        className="rounded px-1.5 text-xs font-medium text-slate-600 hover:bg-indigo-50 hover:text-indigo-700"
      >
        + Insert
      </button>
      {open ? (
        <span
          className="flex flex-wrap items-center gap-1"
          role="group"
          aria-label={`Step type to insert before step ${position}`}
        >
          {STEP_TYPES.map((type) => (
            <button
              key={type}
              type="button"
              aria-label={`Insert ${STEP_META[type].label} step before step ${position}`}
              className="rounded-md bg-white px-2 py-0.5 text-xs font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50"
              onClick={() => {
                setOpen(false);
                onInsert(type);
              }}
            >
              {STEP_META[type].label}
            </button>
          ))}
          <button type="button" className="px-1 text-xs text-slate-500 hover:text-slate-800" onClick={close}>
            Cancel
          </button>
        </span>
      ) : null}
    </div>
  );
}
