import { executeUntilBlocked, transition, type EnrollmentState, type EnrollmentStatus } from "@/lib/domain/enrollment-machine";
import { renderTemplate } from "@/lib/domain/render-template";
import type { CachedVersion } from "./version-cache";

/** A claimed enrollment joined with its contact, as the claim query returns it. */
export type ClaimedRow = {
  id: string;
  status: EnrollmentStatus;
  current_step_index: number;
  next_run_at: Date | null;
  exit_reason: string | null;
  pass: number;
  sequence_version_id: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  unsubscribed_at: Date | null;
};

export type EventRow = {
  enrollmentId: string;
  versionId: string;
  stepKey: string | null;
  stepIndex: number | null;
  type: "step_executed" | "waited" | "task_created" | "completed" | "exited" | "failed";
  executionKey: string | null;
  detail: Record<string, unknown>;
};
export type MessageRow = {
  enrollmentId: string;
  versionId: string;
  stepKey: string;
  executionKey: string;
  channel: "email" | "sms";
  to: string;
  subject: string | null;
  body: string;
};
export type TaskRow = { enrollmentId: string; versionId: string; stepKey: string; executionKey: string; title: string; note: string };
export type EnrollmentUpdate = {
  id: string;
  stepIndex: number;
  stepKey: string | null;
  nextRunAt: Date | null;
  status: EnrollmentStatus;
  exitReason: string | null;
  finished: boolean;
};

export type BatchPlan = { events: EventRow[]; messages: MessageRow[]; tasks: TaskRow[]; updates: EnrollmentUpdate[]; steps: number };

/** "<pass>:<step key>": the same step may run again only after an operator migration bumps the pass. */
export const executionKey = (pass: number, stepKey: string) => `${pass}:${stepKey}`;

const isFinished = (status: EnrollmentStatus) => status === "completed" || status === "exited" || status === "failed";

/**
 * Decides everything a batch writes, without touching the database: each enrollment's steps
 * come only from its pinned version, and the state machine decides what runs.
 */
export function planBatch(rows: readonly ClaimedRow[], versions: ReadonlyMap<string, CachedVersion>, now: Date): BatchPlan {
  const plan: BatchPlan = { events: [], messages: [], tasks: [], updates: [], steps: 0 };
  for (const row of rows) planOne(plan, row, versions.get(row.sequence_version_id), now);
  return plan;
}

function planOne(plan: BatchPlan, row: ClaimedRow, version: CachedVersion | undefined, now: Date): void {
  const versionId = row.sequence_version_id;
  const state: EnrollmentState = { status: row.status, stepIndex: row.current_step_index, nextRunAt: row.next_run_at, exitReason: row.exit_reason };
  const base = { enrollmentId: row.id, versionId };

  if (!version?.ok) {
    const reason = version ? version.error : "Pinned version not found";
    plan.events.push({ ...base, stepKey: null, stepIndex: row.current_step_index, type: "failed", executionKey: null, detail: { reason } });
    plan.updates.push({ id: row.id, stepIndex: row.current_step_index, stepKey: null, nextRunAt: null, status: "failed", exitReason: reason, finished: true });
    return;
  }
  const { steps, settings } = version.content;
  const keyAt = (index: number) => steps[index]?.key ?? null;

  if (row.unsubscribed_at !== null && settings.exitOnUnsubscribe) {
    const result = transition(state, { type: "unsubscribe", exitOnUnsubscribe: true });
    if (result.ok) {
      plan.events.push({ ...base, stepKey: keyAt(state.stepIndex), stepIndex: state.stepIndex, type: "exited", executionKey: null, detail: { reason: "unsubscribed" } });
      plan.updates.push(updateFor(row.id, result.state, keyAt(result.state.stepIndex)));
      return;
    }
  }

  const { state: next, executed } = executeUntilBlocked(state, steps, now);
  const contact = { email: row.email, firstName: row.first_name, lastName: row.last_name, phone: row.phone };
  for (const step of executed) {
    if (step.stepKey !== null) {
      plan.steps += 1;
      const stepType = steps[step.stepIndex]?.type ?? null;
      plan.events.push({ ...base, stepKey: step.stepKey, stepIndex: step.stepIndex, type: "step_executed", executionKey: executionKey(row.pass, step.stepKey), detail: { stepType } });
    }
    for (const effect of step.effects) {
      switch (effect.type) {
        case "message":
          plan.messages.push({
            ...base,
            stepKey: effect.stepKey,
            executionKey: executionKey(row.pass, effect.stepKey),
            channel: effect.channel,
            to: effect.channel === "email" ? row.email : (row.phone ?? ""),
            subject: effect.step.type === "email" ? renderTemplate(effect.step.subject, contact) : null,
            body: renderTemplate(effect.step.body, contact),
          });
          break;
        case "task":
          plan.tasks.push({ ...base, stepKey: effect.stepKey, executionKey: executionKey(row.pass, effect.stepKey), title: effect.step.title, note: effect.step.note });
          plan.events.push({ ...base, stepKey: effect.stepKey, stepIndex: effect.stepIndex, type: "task_created", executionKey: null, detail: { title: effect.step.title } });
          break;
        case "waited":
          plan.events.push({ ...base, stepKey: effect.stepKey, stepIndex: effect.stepIndex, type: "waited", executionKey: null, detail: { until: effect.until.toISOString() } });
          break;
        case "completed":
          plan.events.push({ ...base, stepKey: null, stepIndex: null, type: "completed", executionKey: null, detail: {} });
          break;
        default: {
          const _exhaustive: never = effect;
          throw new Error(`Unknown effect ${JSON.stringify(_exhaustive)}`);
        }
      }
    }
  }
  plan.updates.push(updateFor(row.id, next, keyAt(next.stepIndex)));
}

function updateFor(id: string, state: EnrollmentState, stepKey: string | null): EnrollmentUpdate {
  return { id, stepIndex: state.stepIndex, stepKey, nextRunAt: state.nextRunAt, status: state.status, exitReason: state.exitReason, finished: isFinished(state.status) };
}
