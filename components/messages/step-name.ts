import { STEP_META } from "@/components/steps/step-meta";
import type { MessageStepName } from "@/lib/views/messages";

/** "Step 2 · Email: Welcome aboard": position and label from the pinned version, never the key. */
export function stepName(step: MessageStepName | null): string {
  if (!step) return "Step no longer in its version";
  const label = step.label.length >= 80 ? `${step.label.slice(0, 79)}…` : step.label;
  return `Step ${step.index + 1} · ${STEP_META[step.type].label}${label ? `: ${label}` : ""}`;
}
