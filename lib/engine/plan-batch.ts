import { executeUntilBlocked, transition, type EnrollmentState } from "@/lib/domain/enrollment-machine";
import { renderTemplate } from "@/lib/domain/render-template";
import { unsubscribeToken, unsubscribeUrl } from "@/lib/domain/unsubscribe-link";
import { publicUrl } from "@/lib/config/public-url";
import { signingKey } from "@/lib/config/signing-key";
import { stateOf, type ClaimedEnrollment } from "@/lib/store/claim";
import type { NewEvent } from "@/lib/store/events";
import { executionKey } from "@/lib/store/execution-key";
import type { NewMessage } from "@/lib/store/messages";
import type { StateSave } from "@/lib/store/save-state";
import { isFinished } from "@/lib/domain/enrollment-status";
import type { NewTask } from "@/lib/store/tasks";
import type { CachedVersion } from "@/lib/store/versions";

export type BatchPlan = {
  events: NewEvent[];
  messages: NewMessage[];
  tasks: NewTask[];
  saves: StateSave[];
  steps: number;
  finished: number;
};

/**
 * Decides everything a batch writes, without touching the database: each enrollment's steps
 * come only from its pinned version, and the state machine decides what runs.
 */
export function planBatch(
  rows: readonly ClaimedEnrollment[],
  versions: ReadonlyMap<string, CachedVersion>,
  now: Date,
): BatchPlan {
  const plan: BatchPlan = { events: [], messages: [], tasks: [], saves: [], steps: 0, finished: 0 };
  for (const row of rows) planOne(plan, row, versions.get(row.sequence_version_id), now);
  return plan;
}

function planOne(plan: BatchPlan, row: ClaimedEnrollment, version: CachedVersion | undefined, now: Date): void {
  // Plain object literals, no spreads or per-row closures: this runs for every claimed row.
  const enrollmentId = row.id;
  const versionId = row.sequence_version_id;
  const state = stateOf(row);

  if (!version?.ok) {
    const reason = version ? version.error : "Pinned version not found";
    plan.events.push({
      enrollmentId,
      versionId,
      stepKey: null,
      stepIndex: row.current_step_index,
      type: "failed",
      executionKey: null,
      detail: { reason },
    });
    save(plan, row, { ...state, status: "failed", nextRunAt: null, exitReason: reason }, null);
    return;
  }
  const { steps, settings } = version.content;

  if (row.unsubscribed_at !== null && settings.exitOnUnsubscribe) {
    const result = transition(state, { type: "unsubscribe", exitOnUnsubscribe: true });
    if (result.ok) {
      plan.events.push({
        enrollmentId,
        versionId,
        stepKey: keyAt(steps, state.stepIndex),
        stepIndex: state.stepIndex,
        type: "exited",
        executionKey: null,
        detail: { reason: "unsubscribed" },
      });
      save(plan, row, result.state, keyAt(steps, result.state.stepIndex));
      return;
    }
  }

  const { state: next, executed } = executeUntilBlocked(state, steps, now);
  const contact = {
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    phone: row.phone,
    attributes: row.attributes as Record<string, unknown> | null,
  };
  for (const step of executed) {
    if (step.stepKey !== null) {
      plan.steps += 1;
      const stepType = steps[step.stepIndex]?.type ?? null;
      plan.events.push({
        enrollmentId,
        versionId,
        stepKey: step.stepKey,
        stepIndex: step.stepIndex,
        type: "step_executed",
        executionKey: executionKey(row.pass, step.stepKey),
        detail: { stepType },
      });
    }
    for (const effect of step.effects) {
      switch (effect.type) {
        case "message":
          plan.messages.push({
            enrollmentId,
            versionId,
            stepKey: effect.stepKey,
            executionKey: executionKey(row.pass, effect.stepKey),
            channel: effect.channel,
            to: effect.channel === "email" ? row.email : (row.phone ?? ""),
            subject: effect.step.type === "email" ? renderTemplate(effect.step.subject, contact) : null,
            body: renderTemplate(effect.step.body, contact, senderFields(effect.step.body, row)),
          });
          break;
        case "task":
          plan.tasks.push({
            enrollmentId,
            versionId,
            stepKey: effect.stepKey,
            executionKey: executionKey(row.pass, effect.stepKey),
            title: effect.step.title,
            note: effect.step.note,
          });
          plan.events.push({
            enrollmentId,
            versionId,
            stepKey: effect.stepKey,
            stepIndex: effect.stepIndex,
            type: "task_created",
            executionKey: null,
            detail: { title: effect.step.title },
          });
          break;
        case "waited":
          plan.events.push({
            enrollmentId,
            versionId,
            stepKey: effect.stepKey,
            stepIndex: effect.stepIndex,
            type: "waited",
            executionKey: null,
            detail: { until: effect.until.toISOString() },
          });
          break;
        case "migrated": // only operator migrations produce it, never an execution
          break;
        case "completed":
          plan.events.push({
            enrollmentId,
            versionId,
            stepKey: null,
            stepIndex: null,
            type: "completed",
            executionKey: null,
            detail: {},
          });
          break;
        default: {
          const _exhaustive: never = effect;
          throw new Error(`Unknown effect ${JSON.stringify(_exhaustive)}`);
        }
      }
    }
  }
  save(plan, row, next, keyAt(steps, next.stepIndex));
}

function keyAt(steps: readonly { key: string }[], index: number): string | null {
  return steps[index]?.key ?? null;
}

function save(plan: BatchPlan, row: ClaimedEnrollment, state: EnrollmentState, stepKey: string | null): void {
  plan.saves.push({ id: row.id, versionId: row.sequence_version_id, pass: row.pass, stepKey, state });
  if (isFinished(state.status)) plan.finished += 1;
}

/** Values only the sender knows; the signed link is computed only for a body that uses it. */
function senderFields(body: string, row: ClaimedEnrollment): Record<string, string> {
  if (!body.includes("unsubscribe_url")) return {};
  const token = unsubscribeToken(signingKey(), { kind: "contact", contactId: row.contact_id, enrollmentId: row.id });
  return { unsubscribe_url: unsubscribeUrl(publicUrl(), token) };
}
