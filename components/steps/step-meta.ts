import type { DraftStep } from "@/lib/domain/draft";
import type { StepType } from "@/lib/domain/step-kinds";

// `icon` is a text glyph for places that cannot hold an SVG (DejaVu has these; emoji fonts are often missing).
export const STEP_META: Record<StepType, { label: string; icon: string; accent: string }> = {
  email: { label: "Email", icon: "✉", accent: "bg-sky-100 text-sky-800" },
  sms: { label: "SMS", icon: "✆", accent: "bg-emerald-100 text-emerald-800" },
  wait: { label: "Wait", icon: "◷", accent: "bg-amber-100 text-amber-900" },
  task: { label: "Task", icon: "☑", accent: "bg-violet-100 text-violet-800" },
};

function clip(text: string, max = 60): string {
  const t = text.trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

export function waitText(step: { amount: number; unit: string; businessDaysOnly: boolean }): string {
  const unit = step.amount === 1 ? step.unit.replace(/s$/, "") : step.unit;
  return `Wait ${step.amount} ${step.businessDaysOnly && step.unit === "days" ? `business ${unit}` : unit}`;
}

/** One line that names a step for headings, announcements and the in-flight impact list. */
export function stepSummary(step: DraftStep): string {
  switch (step.type) {
    case "email":
      return step.subject.trim() ? clip(step.subject) : "Untitled email";
    case "sms":
      return step.body.trim() ? clip(step.body) : "Empty SMS";
    case "wait":
      return waitText(step);
    case "task":
      return step.title.trim() ? clip(step.title) : "Untitled task";
  }
}
