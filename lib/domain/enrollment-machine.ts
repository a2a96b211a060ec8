import { isInFlight, type EnrollmentStatus } from "./enrollment-status";
import type { MovePlan } from "./migration-plan";
import { addWait, type WaitSpec } from "./schedule";
import type { EmailStep, SmsStep, Step, TaskStep } from "./steps";

export type { EnrollmentStatus };

/**
 * `stepIndex` is the next step to execute in the pinned version. `nextRunAt` is null while a
 * manual task is open (only taskCompleted un-blocks it) and once the enrollment is finished.
 */
export type EnrollmentState = {
  status: EnrollmentStatus;
  stepIndex: number;
  nextRunAt: Date | null;
  exitReason: string | null;
};

export type EnrollmentEvent =
  /** `addWait`: the contact's local-time wait maths (send-window.ts); default UTC (schedule.ts). */
  | { type: "execute"; steps: readonly Step[]; now: Date; addWait?: WaitFn }
  /** A message step the contact cannot receive (no address) is passed over; the next step is due now. */
  | { type: "skip"; steps: readonly Step[]; now: Date }
  /** A message step that may not go out now (send window, holiday, daily cap) waits until `until`. */
  | { type: "defer"; until: Date }
  /** The step's own rule ends the enrollment (e.g. "missing_channel"). */
  | { type: "exit"; reason: string }
  | { type: "pause" }
  | { type: "resume"; now: Date }
  | { type: "unenroll" }
  | { type: "reply"; exitOnReply: boolean }
  | { type: "unsubscribe"; exitOnUnsubscribe: boolean }
  | { type: "taskCompleted"; now: Date }
  | { type: "deliveryFailed"; reason: string }
  /** An operator migration moves the enrollment as `plan` says; `pass` is its pass before the move. */
  | { type: "migrate"; plan: MovePlan; targetStepCount: number; pass: number }
  /** Undo of a migration: back to the state it had before (the caller checked nothing happened since). */
  | { type: "undoMigration"; prior: EnrollmentState };

export type MigrationOutcome = "moved" | "exited" | "completed";

export type Effect =
  | { type: "message"; channel: "email" | "sms"; stepKey: string; stepIndex: number; step: EmailStep | SmsStep }
  | { type: "task"; stepKey: string; stepIndex: number; step: TaskStep }
  | { type: "waited"; stepKey: string; stepIndex: number; until: Date }
  | { type: "completed" }
  /** A message step passed over for `reason` (e.g. "missing_channel"). */
  | { type: "skipped"; stepKey: string; stepIndex: number; channel: "email" | "sms"; reason: string }
  /** A due message step held until `until`: why, for the enrollment page ("send_window", "holiday", "daily_cap"). */
  | { type: "deferred"; stepKey: string; stepIndex: number; until: Date; reason: DeferReason }
  | { type: "exited"; stepKey: string | null; stepIndex: number; reason: string }
  /** `pass` is the enrollment's new pass: a step key may run again after a move. */
  | { type: "migrated"; outcome: MigrationOutcome; pass: number };

export type WaitFn = (from: Date, wait: WaitSpec) => Date;
export type DeferReason = "send_window" | "holiday" | "daily_cap";

export type TransitionResult = { ok: true; state: EnrollmentState; effects: Effect[] } | { ok: false; error: string };

export function startEnrollment(now: Date): EnrollmentState {
  return { status: "active", stepIndex: 0, nextRunAt: now, exitReason: null };
}

const ok = (state: EnrollmentState, effects: Effect[] = []): TransitionResult => ({ ok: true, state, effects });
const refuse = (error: string): TransitionResult => ({ ok: false, error });
const cannot = (verb: string, state: EnrollmentState) => refuse(`Cannot ${verb} an enrollment that is ${state.status}`);

const isLive = (state: EnrollmentState) => isInFlight(state.status);

function migrate(state: EnrollmentState, event: Extract<EnrollmentEvent, { type: "migrate" }>): TransitionResult {
  if (!isLive(state)) return cannot("migrate", state);
  const pass = event.pass + 1;
  const { plan } = event;
  switch (plan.kind) {
    // The schedule carries over: a contact waiting two more days still waits them on B.
    case "move":
      return ok({ ...state, stepIndex: plan.toIndex }, [{ type: "migrated", outcome: "moved", pass }]);
    // An exit leaves the contact where it stood on A: it never got anything from B.
    case "exit":
      return ok(exit(state, "migration"), [{ type: "migrated", outcome: "exited", pass }]);
    case "complete":
      return ok({ ...state, status: "completed", stepIndex: event.targetStepCount, nextRunAt: null }, [
        { type: "migrated", outcome: "completed", pass },
      ]);
    default: {
      const _exhaustive: never = plan;
      return refuse(`Unknown migration plan ${JSON.stringify(_exhaustive)}`);
    }
  }
}

function exit(state: EnrollmentState, reason: string): EnrollmentState {
  return { ...state, status: "exited", nextRunAt: null, exitReason: reason };
}

function execute(
  state: EnrollmentState,
  steps: readonly Step[],
  now: Date,
  waitFn: WaitFn = addWait,
): TransitionResult {
  if (state.status !== "active") return cannot("execute", state);
  if (state.nextRunAt === null) return refuse("Cannot execute an enrollment that is waiting on a task");

  const index = state.stepIndex;
  const step = steps[index];
  if (step === undefined) {
    return ok({ ...state, status: "completed", nextRunAt: null }, [{ type: "completed" }]);
  }

  const next = index + 1;
  switch (step.type) {
    case "email":
    case "sms": {
      const effects: Effect[] = [{ type: "message", channel: step.type, stepKey: step.key, stepIndex: index, step }];
      // Completing together with the last message saves a wake-up whose only job would be to
      // notice the end. Trailing waits/tasks still need theirs: the wait or task must elapse.
      if (next >= steps.length) {
        effects.push({ type: "completed" });
        return ok({ ...state, stepIndex: next, status: "completed", nextRunAt: null }, effects);
      }
      return ok({ ...state, stepIndex: next, nextRunAt: now }, effects);
    }
    case "wait": {
      const until = waitFn(now, step);
      return ok({ ...state, stepIndex: next, nextRunAt: until }, [
        { type: "waited", stepKey: step.key, stepIndex: index, until },
      ]);
    }
    case "task":
      return ok({ ...state, stepIndex: next, nextRunAt: null }, [
        { type: "task", stepKey: step.key, stepIndex: index, step },
      ]);
    default: {
      const _exhaustive: never = step;
      return refuse(`Unknown step type ${String(_exhaustive)}`);
    }
  }
}

export function transition(state: EnrollmentState, event: EnrollmentEvent): TransitionResult {
  switch (event.type) {
    case "execute":
      return execute(state, event.steps, event.now, event.addWait);
    case "skip": {
      if (state.status !== "active" || state.nextRunAt === null) return cannot("skip a step of", state);
      const step = event.steps[state.stepIndex];
      if (step?.type !== "email" && step?.type !== "sms") return refuse("Only a message step can be skipped");
      const next = state.stepIndex + 1;
      const effects: Effect[] = [
        {
          type: "skipped",
          stepKey: step.key,
          stepIndex: state.stepIndex,
          channel: step.type,
          reason: "missing_channel",
        },
      ];
      if (next >= event.steps.length) {
        effects.push({ type: "completed" });
        return ok({ ...state, stepIndex: next, status: "completed", nextRunAt: null }, effects);
      }
      return ok({ ...state, stepIndex: next, nextRunAt: event.now }, effects);
    }
    case "defer":
      if (state.status !== "active") return cannot("defer", state);
      return ok({ ...state, nextRunAt: event.until });
    case "exit":
      if (!isLive(state)) return cannot("exit", state);
      return ok(exit(state, event.reason));
    case "pause":
      if (state.status !== "active") return cannot("pause", state);
      // nextRunAt is kept so resume can tell an open task (null) from a pending due time.
      return ok({ ...state, status: "paused" });
    case "resume": {
      if (state.status !== "paused") return cannot("resume", state);
      const due = state.nextRunAt;
      // A step that fell due during the pause runs now rather than firing "in the past".
      const nextRunAt = due === null ? null : new Date(Math.max(event.now.getTime(), due.getTime()));
      return ok({ ...state, status: "active", nextRunAt });
    }
    case "unenroll":
      if (!isLive(state)) return cannot("unenroll", state);
      return ok(exit(state, "unenrolled"));
    case "reply":
      // Replies arrive whenever the contact writes; one after the end is not an error.
      return event.exitOnReply && isLive(state) ? ok(exit(state, "replied")) : ok(state);
    case "unsubscribe":
      return event.exitOnUnsubscribe && isLive(state) ? ok(exit(state, "unsubscribed")) : ok(state);
    case "taskCompleted":
      if (!isLive(state)) return cannot("complete a task for", state);
      if (state.nextRunAt !== null) return refuse("This enrollment is not waiting on a task");
      // Status is kept: completing a task while paused records the due time for resume.
      return ok({ ...state, nextRunAt: event.now });
    case "deliveryFailed":
      // Completed is included: a trailing email completes the enrollment before it is delivered.
      if (!isLive(state) && state.status !== "completed") return cannot("fail", state);
      return ok({ ...state, status: "failed", nextRunAt: null, exitReason: event.reason });
    case "migrate":
      return migrate(state, event);
    case "undoMigration":
      // Only an in-flight prior state can be restored: migrations only ever take in-flight rows.
      if (!isLive(event.prior)) return cannot("restore", event.prior);
      return ok({ ...event.prior });
    default: {
      const _exhaustive: never = event;
      return refuse(`Unknown event ${JSON.stringify(_exhaustive)}`);
    }
  }
}

export type ExecutedStep = { stepIndex: number; stepKey: string | null; effects: Effect[] };

/**
 * What happens to a due message step before it runs: run it, skip it (no address), exit, or
 * hold it until a later instant (send window, holiday, daily cap). The batch plan decides it
 * from the contact, the version's settings and the day's counts; null = run.
 */
export type MessageGate =
  | { kind: "skip"; reason: string }
  | { kind: "exit"; reason: string }
  | { kind: "defer"; until: Date; reason: DeferReason };

export type ExecuteOptions = {
  maxSteps?: number;
  addWait?: WaitFn;
  gate?: (step: EmailStep | SmsStep, stepIndex: number) => MessageGate | null;
};

/**
 * Runs due steps back to back, so a chain of immediate steps (email, sms, ...) goes out in one
 * claim by the batch runner. Stops at a future wait, an open task, completion, or `maxSteps`
 * (a guard so one enrollment cannot hog a batch). `stepKey` is null for the completion step.
 */
export function executeUntilBlocked(
  state: EnrollmentState,
  steps: readonly Step[],
  now: Date,
  options: ExecuteOptions = {},
): { state: EnrollmentState; executed: ExecutedStep[] } {
  const maxSteps = options.maxSteps ?? 50;
  let current = state;
  const executed: ExecutedStep[] = [];
  while (
    executed.length < maxSteps &&
    current.status === "active" &&
    current.nextRunAt !== null &&
    current.nextRunAt.getTime() <= now.getTime()
  ) {
    const stepIndex = current.stepIndex;
    const step = steps[stepIndex];
    const gate =
      options.gate && (step?.type === "email" || step?.type === "sms") ? options.gate(step, stepIndex) : null;
    if (gate && step) {
      // A held step stops the run; a skip moves on; an exit ends it. None of them is an execution.
      if (gate.kind === "defer") {
        const held = transition(current, { type: "defer", until: gate.until });
        if (!held.ok) break;
        current = held.state;
        executed.push({
          stepIndex,
          stepKey: null,
          effects: [{ type: "deferred", stepKey: step.key, stepIndex, until: gate.until, reason: gate.reason }],
        });
        break;
      }
      const result =
        gate.kind === "skip"
          ? transition(current, { type: "skip", steps, now })
          : transition(current, { type: "exit", reason: gate.reason });
      if (!result.ok) break;
      const effects: Effect[] =
        gate.kind === "exit"
          ? [{ type: "exited", stepKey: step.key, stepIndex, reason: gate.reason }]
          : result.effects.map((e) => (e.type === "skipped" ? { ...e, reason: gate.reason } : e));
      executed.push({ stepIndex, stepKey: null, effects });
      current = result.state;
      continue;
    }
    const result = transition(current, { type: "execute", steps, now, addWait: options.addWait });
    if (!result.ok) break;
    executed.push({ stepIndex, stepKey: steps[stepIndex]?.key ?? null, effects: result.effects });
    current = result.state;
  }
  return { state: current, executed };
}
