"use client";
import { planMove, removedKeys, type RemovedStepChoice, type StepMap } from "@/lib/domain/migration-step-map";
import type { Step } from "@/lib/domain/steps";
import { Select } from "@/components/ui/field";
import { StepLabel, stepText } from "./step-label";

/** For each step of A that B no longer has: continue at the next surviving step, go to a step of B, or exit. */
export function StepMapEditor({
  from,
  to,
  map,
  onChange,
  disabled,
}: {
  from: Step[];
  to: Step[];
  map: StepMap;
  onChange: (map: StepMap) => void;
  disabled?: boolean;
}) {
  const removed = removedKeys(from, to);
  if (removed.length === 0) {
    return (
      <p className="text-sm text-slate-600">
        Every step of the old version is still in the new one, so each contact continues at the same step (by key),
        wherever it now sits.
      </p>
    );
  }
  const set = (key: string, choice: RemovedStepChoice) => onChange({ ...map, [key]: choice });
  return (
    <ul className="divide-y divide-slate-100 rounded-md ring-1 ring-slate-200" aria-label="Removed steps">
      {removed.map((key) => {
        const index = from.findIndex((s) => s.key === key);
        const step = from[index];
        if (!step) return null;
        const choice = map[key] ?? { kind: "next" };
        const next = planMove(from, to, { [key]: { kind: "next" } }, { stepIndex: index, stepKey: key });
        const nextText = next.kind === "move" ? stepText(to[next.toIndex], next.toIndex) : "the end (they complete)";
        const value = choice.kind === "goto" ? `goto:${choice.key}` : choice.kind;
        return (
          <li key={key} className="grid gap-2 px-3 py-3 sm:grid-cols-2 sm:items-center" data-testid="removed-step">
            <div className="min-w-0 text-sm">
              <span className="mb-0.5 block text-xs font-medium text-red-700">Removed in the new version</span>
              <StepLabel step={step} index={index} />
            </div>
            <label className="block text-sm">
              <span className="sr-only">Contacts at step {index + 1}</span>
              <Select
                value={value}
                disabled={disabled}
                aria-label={`Contacts at removed step ${index + 1}`}
                onChange={(event) => {
                  const v = event.target.value;
                  if (v === "next" || v === "exit") set(key, { kind: v });
                  else set(key, { kind: "goto", key: v.slice("goto:".length) });
                }}
              >
                <option value="next">Continue at the next surviving step: {nextText}</option>
                {to.map((target, i) => (
                  <option key={target.key} value={`goto:${target.key}`}>
                    Go to {stepText(target, i)}
                  </option>
                ))}
                <option value="exit">Exit the sequence</option>
              </Select>
            </label>
          </li>
        );
      })}
    </ul>
  );
}
