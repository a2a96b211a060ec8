import { isInFlight, type EnrollmentStatus } from "./enrollment-status";
import { expectedRunTimes } from "./schedule";
import type { Step } from "./steps";

export type StepState = "done" | "current" | "upcoming" | "not_reached";

export type StepView = {
  index: number;
  step: Step;
  state: StepState;
  /** When a done step ran (its latest step_executed event). */
  executedAt: Date | null;
  /** When an upcoming step is expected to run; null when it cannot be known (paused, finished). */
  expectedAt: Date | null;
  note: string | null;
};

export type StepStateInput = {
  steps: readonly Step[];
  status: EnrollmentStatus;
  currentStepIndex: number;
  nextRunAt: Date | null;
  now: Date;
  executedAt: ReadonlyMap<number, Date>;
  /** Latest hold of a message step by the runner (send window, holiday, daily cap), by step index. */
  holds?: ReadonlyMap<number, StepHold>;
  /** Message steps the runner skipped (no address), by step index: the channel. */
  skipped?: ReadonlyMap<number, "email" | "sms">;
};

export type StepHold = { reason: string; until: Date; timeZone: string | null };

/** "Mon 9 Mar 09:00" in `zone` (Intl does the zone work). */
function localWhen(at: Date, zone: string | null): string {
  try {
    const parts = new Intl.DateTimeFormat("en-GB", {
      weekday: "short",
      day: "numeric",
      month: "short",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZone: zone ?? "UTC",
    }).formatToParts(at);
    const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
    return `${part("weekday")} ${part("day")} ${part("month")} ${part("hour")}:${part("minute")}`;
  } catch {
    return at.toISOString();
  }
}

/** Why a due message step is waiting, in words for the enrollment page. */
export function holdNote(hold: StepHold): string {
  const when = `${localWhen(hold.until, hold.timeZone)} in ${hold.timeZone ?? "UTC"}`;
  switch (hold.reason) {
    case "daily_cap":
      return `Daily limit reached, rolls to ${when}`;
    case "holiday":
      return `Holiday: waiting for the send window (opens ${when})`;
    default:
      return `Waiting for the send window (opens ${when})`;
  }
}

export function skippedNote(channel: "email" | "sms"): string {
  return `Skipped: the contact has no ${channel === "email" ? "email address" : "phone number"}`;
}

/**
 * Done / current / upcoming for each step of the pinned version. `currentStepIndex` is the next
 * step to execute, so steps before it are done, except that a wait still running, or a task
 * still open, is where the contact is right now. Expected dates come from the pinned version's
 * own waits (expectedRunTimes), starting at next_run_at, which is what the runner will use.
 * Pure (no I/O), so it is tested on its own.
 */
export function stepStates(input: StepStateInput): StepView[] {
  const { steps, status, currentStepIndex: at, nextRunAt, now } = input;
  const live = isInFlight(status);
  const previous = steps[at - 1];
  const waitingOnWait = live && previous?.type === "wait" && nextRunAt !== null && nextRunAt > now;
  const waitingOnTask = live && previous?.type === "task" && nextRunAt === null;
  const holdIndex = waitingOnWait || waitingOnTask ? at - 1 : null;

  // Paused enrollments have no schedule until resumed; a task blocks until someone completes it,
  // so times after it are "at the earliest" (as if completed now).
  // An overdue step runs when the runner next claims it, i.e. about now, not at its old due time.
  const due = nextRunAt ?? (waitingOnTask ? now : null);
  const startAt = status === "active" && due ? (due < now ? now : due) : null;
  const expected = new Map<number, Date>();
  if (startAt) for (const run of expectedRunTimes(steps, at, startAt)) expected.set(run.index, run.at);

  return steps.map((step, index) => {
    const base = { index, step, executedAt: input.executedAt.get(index) ?? null, expectedAt: null, note: null };
    if (status === "completed") return { ...base, state: "done" as const };
    if (index === holdIndex) {
      const note = waitingOnTask
        ? "Waiting for the task to be completed"
        : status === "paused"
          ? "Paused during this wait"
          : null;
      return { ...base, state: "current" as const, expectedAt: waitingOnWait ? nextRunAt : null, note };
    }
    if (index < at) {
      const skipped = input.skipped?.get(index);
      return { ...base, state: "done" as const, note: skipped ? skippedNote(skipped) : null };
    }
    if (!live) return { ...base, state: "not_reached" as const };
    if (index === at && holdIndex === null) {
      const hold = input.holds?.get(index);
      const held = hold && nextRunAt && nextRunAt > now && hold.until.getTime() === nextRunAt.getTime();
      const note =
        status === "paused"
          ? "Paused: runs after the enrollment is resumed"
          : nextRunAt && nextRunAt <= now
            ? "Due now"
            : held
              ? holdNote(hold)
              : null;
      return { ...base, state: "current" as const, expectedAt: expected.get(index) ?? null, note };
    }
    return {
      ...base,
      state: "upcoming" as const,
      expectedAt: expected.get(index) ?? null,
      note: waitingOnTask && index >= at ? "At the earliest, once the task is done" : null,
    };
  });
}
