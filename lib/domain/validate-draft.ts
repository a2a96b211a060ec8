import type { z } from "zod";
import { versionContentSchema, type VersionContent } from "./steps";

export type DraftError = {
  stepKey: string | null;
  stepIndex: number | null;
  field: string;
  message: string;
};

export type DraftValidation = { ok: true; content: VersionContent } | { ok: false; errors: DraftError[] };

export const EMPTY_DRAFT_MESSAGE = "Add at least one step before publishing";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function rawSteps(content: unknown): unknown[] | null {
  if (!isRecord(content)) return null;
  const steps = content.steps;
  return Array.isArray(steps) ? steps : null;
}

// The key is read from the raw input because the failing step never made it through parsing;
// the editor uses it to put the error next to the right card even after a reorder.
function rawStepKey(steps: unknown[] | null, index: number): string | null {
  const step = steps?.[index];
  if (!isRecord(step)) return null;
  return typeof step.key === "string" ? step.key : null;
}

function messageFor(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_union" && issue.path[issue.path.length - 1] === "type") {
    return "Choose a step type: email, sms, wait or task";
  }
  return issue.message;
}

function toDraftError(issue: z.core.$ZodIssue, steps: unknown[] | null): DraftError {
  const [head, index, ...rest] = issue.path;
  if (head === "steps" && typeof index === "number") {
    return {
      stepKey: rawStepKey(steps, index),
      stepIndex: index,
      field: rest.length > 0 ? rest.map(String).join(".") : "step",
      message: messageFor(issue),
    };
  }
  return {
    stepKey: null,
    stepIndex: null,
    field: issue.path.length > 0 ? issue.path.map(String).join(".") : "content",
    message: messageFor(issue),
  };
}

/**
 * Validates a draft for publishing. Schema rules and publish rules are reported together so the
 * editor can show every problem at once rather than one per attempt.
 */
export function validateDraft(content: unknown): DraftValidation {
  const steps = rawSteps(content);
  const parsed = versionContentSchema.safeParse(content);
  const errors: DraftError[] = parsed.success ? [] : parsed.error.issues.map((i) => toDraftError(i, steps));

  // An empty sequence is a valid draft to save but publishing it would enroll contacts into nothing.
  if (steps !== null && steps.length === 0) {
    errors.push({ stepKey: null, stepIndex: null, field: "steps", message: EMPTY_DRAFT_MESSAGE });
  }

  if (parsed.success && errors.length === 0) return { ok: true, content: parsed.data };
  return { ok: false, errors };
}

/** Publishing identical content returns the active version instead of minting a duplicate. */
export function publishDecision({
  draftHash,
  activeHash,
}: {
  draftHash: string;
  activeHash: string | null;
}): "unchanged" | "publish" {
  return activeHash !== null && draftHash === activeHash ? "unchanged" : "publish";
}
