import type { ReactNode } from "react";

export type Tone = "slate" | "green" | "amber" | "red" | "indigo" | "sky" | "violet";

const TONES: Record<Tone, string> = {
  slate: "bg-slate-100 text-slate-700 ring-slate-300",
  green: "bg-green-50 text-green-800 ring-green-600/30",
  amber: "bg-amber-50 text-amber-800 ring-amber-600/30",
  red: "bg-red-50 text-red-800 ring-red-600/30",
  indigo: "bg-indigo-50 text-indigo-800 ring-indigo-600/30",
  sky: "bg-sky-50 text-sky-800 ring-sky-600/30",
  violet: "bg-violet-50 text-violet-800 ring-violet-600/30",
};

export function Badge({ tone = "slate", children }: { tone?: Tone; children: ReactNode }) {
  return (
    <span
      className={`inline-flex items-center rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[tone]}`}
    >
      {children}
    </span>
  );
}
