"use client";
import { useId } from "react";
import type { ImportMode } from "@/lib/domain/contact-import";

const CHOICES: { mode: ImportMode; label: string; help: string }[] = [
  {
    mode: "all_or_nothing",
    label: "All or nothing",
    help: "If any row has an error, nothing is imported. The default: a file is usually one list, and a half-imported list is hard to notice and to repair.",
  },
  {
    mode: "valid_rows",
    label: "Import valid rows",
    help: "Every valid row is imported; rows with errors are skipped and listed in the error file.",
  },
];

/** How a file with errors is treated. Either way the import is one transaction: never part of a batch. */
export function CsvMode({ mode, onMode }: { mode: ImportMode; onMode: (mode: ImportMode) => void }) {
  const name = useId();
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-700">When rows have errors</legend>
      {CHOICES.map((choice) => (
        <label key={choice.mode} className="flex items-start gap-2 text-sm">
          <input
            type="radio"
            name={name}
            value={choice.mode}
            checked={mode === choice.mode}
            onChange={() => onMode(choice.mode)}
            className="mt-1"
          />
          <span>
            <span className="font-medium text-slate-900">{choice.label}</span>
            <span className="block text-xs text-slate-600">{choice.help}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
