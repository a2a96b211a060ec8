"use client";
import dynamic from "next/dynamic";
import { useRef, useState } from "react";

// The menu (and the call that lists custom attributes) loads on first open.
const MergeFieldMenu = dynamic(() => import("./merge-field-menu").then((m) => m.MergeFieldMenu), {
  ssr: false,
  loading: () => <p className="p-2 text-xs text-slate-500">Loading merge fields…</p>,
});

/** "Insert merge field": inserts `{{key}}` or `{{key | "fallback"}}` where the cursor was. */
export function MergeFieldButton({ target, onInsert }: { target: string; onInsert: (tag: string) => void }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  return (
    <div className="relative inline-block">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-label={`Insert a merge field into ${target}`}
        data-testid="merge-field-button"
        onClick={() => setOpen((o) => !o)}
        className="rounded-md px-2 py-0.5 text-xs font-medium text-indigo-700 ring-1 ring-indigo-200 hover:bg-indigo-50"
      >
        {"{{ }}"} Merge field
      </button>
      {open ? (
        <div className="absolute right-0 z-20 mt-1 w-72 rounded-lg bg-white shadow-lg ring-1 ring-slate-200">
          <MergeFieldMenu
            target={target}
            onClose={close}
            onPick={(tag) => {
              setOpen(false);
              onInsert(tag);
            }}
          />
        </div>
      ) : null}
    </div>
  );
}
