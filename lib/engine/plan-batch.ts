import {
  executeUntilBlocked,
  transition,
  type EnrollmentState,
  type ExecuteOptions,
  type MessageGate,
} from "@/lib/domain/enrollment-machine";
import {
  addWaitInZone,
  effectiveZone,
  nextDayOpening,
  nextWindowOpening,
  type Opening,
  type SendRules,
} from "@/lib/domain/send-window";
import type { VersionContent } from "@/lib/domain/steps";
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

type Channel = "email" | "sms";
type ChannelCounts = { email: number; sms: number };

/** What the batch reads once besides the rows: the organisation's zone and caps, and today's counts. */
export type BatchContext = {
  /** The organisation's IANA zone: the default for contacts without one, and the day the caps count in. */
  orgZone: string;
  orgCaps: { email: number | null; sms: number | null };
  /** Messages already queued in the organisation's current local day, per sequence (null: no cap applies, not counted). */
  sentToday: ReadonlyMap<string, ChannelCounts> | null;
};

export const PLAIN_CONTEXT: BatchContext = { orgZone: "UTC", orgCaps: { email: null, sms: null }, sentToday: null };

/** True when some cap applies to these versions, so the batch must count today's messages. */
export function capsApply(
  context: Pick<BatchContext, "orgCaps">,
  versions: ReadonlyMap<string, CachedVersion>,
): boolean {
  if (context.orgCaps.email !== null || context.orgCaps.sms !== null) return true;
  for (const version of versions.values()) if (version.ok && version.content.settings.dailyCap) return true;
  return false;
}

/** The batch's running counts against the caps, in claim (enrollment) order. */
class CapCounter {
  private readonly bySequence = new Map<string, ChannelCounts>();
  private readonly org: ChannelCounts = { email: 0, sms: 0 };

  constructor(
    private readonly context: BatchContext,
    readonly active: boolean,
  ) {
    for (const [sequenceId, counts] of context.sentToday ?? []) {
      this.bySequence.set(sequenceId, { email: counts.email, sms: counts.sms });
      this.org.email += counts.email;
      this.org.sms += counts.sms;
    }
  }

  /** Takes one send of `channel` for the sequence if neither its cap nor the organisation's is reached. */
  take(sequenceId: string, channel: Channel, sequenceCap: number | undefined): boolean {
    if (!this.active) return true;
    let counts = this.bySequence.get(sequenceId);
    if (!counts) this.bySequence.set(sequenceId, (counts = { email: 0, sms: 0 }));
    const orgCap = this.context.orgCaps[channel];
    if (sequenceCap !== undefined && counts[channel] >= sequenceCap) return false;
    if (orgCap !== null && this.org[channel] >= orgCap) return false;
    counts[channel] += 1;
    this.org[channel] += 1;
    return true;
  }
}

/** A version's send rules for one batch, with the window's answer per contact zone (see windowOpening). */
type BatchRules = SendRules & { openings: Map<string, Opening> };

function rulesOf(content: VersionContent, cache: Map<VersionContent, BatchRules>): BatchRules {
  let rules = cache.get(content);
  if (!rules) {
    const { sendWindow, holidays } = content.settings;
    rules = { window: sendWindow ?? null, holidays: new Set(holidays ?? []), openings: new Map() };
    cache.set(content, rules);
  }
  return rules;
}

/**
 * Whether the window is open at the batch's `now` (else when it opens) depends only on the
 * version's rules and the contact's zone, so a batch computes it once per zone, not per row.
 */
function windowOpening(now: Date, zone: string, rules: BatchRules): Opening {
  let opening = rules.openings.get(zone);
  if (!opening) rules.openings.set(zone, (opening = nextWindowOpening(now, zone, rules)));
  return opening;
}

/**
 * Decides everything a batch writes, without touching the database: each enrollment's steps
 * come only from its pinned version, and the state machine decides what runs. The send window,
 * holidays and business days are those of the pinned version, in the contact's time zone
 * (contact, else organisation); daily caps are counted across the batch in claim order (the
 * claim orders by due time, then enrollment id), starting from `context.sentToday`.
 */
export function planBatch(
  rows: readonly ClaimedEnrollment[],
  versions: ReadonlyMap<string, CachedVersion>,
  now: Date,
  context: BatchContext = PLAIN_CONTEXT,
): BatchPlan {
  const plan: BatchPlan = { events: [], messages: [], tasks: [], saves: [], steps: 0, finished: 0 };
  const caps = new CapCounter(context, context.sentToday !== null);
  const rules = new Map<VersionContent, BatchRules>();
  for (const row of rows) planOne(plan, row, versions.get(row.sequence_version_id), now, context, caps, rules);
  return plan;
}

function hasAddress(row: ClaimedEnrollment, channel: Channel): boolean {
  const address = channel === "email" ? row.email : row.phone;
  return address !== null && address.trim() !== "";
}

function executeOptions(
  row: ClaimedEnrollment,
  content: VersionContent,
  now: Date,
  context: BatchContext,
  caps: CapCounter,
  rulesCache: Map<VersionContent, BatchRules>,
): ExecuteOptions & { zone: string } {
  const zone = effectiveZone(row.time_zone, context.orgZone);
  const rules = rulesOf(content, rulesCache);
  const cap = content.settings.dailyCap;
  const gate = (step: { type: Channel; ifMissingChannel?: "skip" | "exit" }): MessageGate | null => {
    if (!hasAddress(row, step.type)) {
      return step.ifMissingChannel === "exit"
        ? { kind: "exit", reason: "missing_channel" }
        : { kind: "skip", reason: "missing_channel" };
    }
    if (rules.window) {
      const opening = windowOpening(now, zone, rules);
      if (opening.reason !== "open") return { kind: "defer", until: opening.at, reason: opening.reason };
    }
    if (!caps.take(row.sequence_id, step.type, cap?.[step.type])) {
      return { kind: "defer", until: nextDayOpening(now, context.orgZone, zone, rules), reason: "daily_cap" };
    }
    return null;
  };
  // UTC with no holidays is exactly schedule.ts's addWait: the common case stays off luxon.
  const local = zone !== "UTC" || rules.holidays.size > 0;
  return {
    zone,
    gate,
    addWait: local ? (from, wait) => addWaitInZone(from, wait, zone, rules.holidays) : undefined,
  };
}

function planOne(
  plan: BatchPlan,
  row: ClaimedEnrollment,
  version: CachedVersion | undefined,
  now: Date,
  context: BatchContext,
  caps: CapCounter,
  rulesCache: Map<VersionContent, BatchRules>,
): void {
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

  const options = executeOptions(row, version.content, now, context, caps, rulesCache);
  const { state: next, executed } = executeUntilBlocked(state, steps, now, options);
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
        case "skipped":
          // Keyed like an execution: a repeat of the same pass never records the skip twice.
          plan.events.push({
            enrollmentId,
            versionId,
            stepKey: effect.stepKey,
            stepIndex: effect.stepIndex,
            type: "step_skipped",
            executionKey: executionKey(row.pass, effect.stepKey),
            detail: { reason: effect.reason, channel: effect.channel },
          });
          break;
        case "deferred":
          plan.events.push({
            enrollmentId,
            versionId,
            stepKey: effect.stepKey,
            stepIndex: effect.stepIndex,
            type: "waited",
            executionKey: null,
            detail: { until: effect.until.toISOString(), reason: effect.reason, timeZone: options.zone },
          });
          break;
        case "exited":
          plan.events.push({
            enrollmentId,
            versionId,
            stepKey: effect.stepKey,
            stepIndex: effect.stepIndex,
            type: "exited",
            executionKey: null,
            detail: { reason: effect.reason },
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
