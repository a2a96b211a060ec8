import type { Step, WaitStep } from "./steps";

// Everything here is UTC: the engine stores instants, and a per-contact time zone would need
// contact data this layer does not have. UTC days have no DST jumps, so a day is always 1440 min.
const MINUTE_MS = 60_000;
const MINUTES_PER_UNIT = { minutes: 1, hours: 60, days: 1440 } as const;
export const MINUTES_PER_DAY = 1440;
const DAY_MS = MINUTES_PER_DAY * MINUTE_MS;

export type WaitSpec = Pick<WaitStep, "amount" | "unit" | "businessDaysOnly">;

function isWeekend(date: Date): boolean {
  const day = date.getUTCDay();
  return day === 0 || day === 6;
}

/**
 * When a wait that starts at `from` ends.
 *
 * With `businessDaysOnly`:
 * - unit "days": step forward one calendar day at a time and count only days that land on
 *   Mon–Fri, keeping the time of day. So Fri + 1 = Mon, Sat + 1 = Mon, Sun + 1 = Mon,
 *   Mon + 5 = next Mon.
 * - unit "minutes"/"hours": add the plain duration; if the result falls on Sat/Sun, move it to
 *   the following Monday at the same time of day (weekend hours are not "skipped", only the
 *   landing spot is).
 */
export function addWait(from: Date, wait: WaitSpec): Date {
  if (wait.businessDaysOnly && wait.unit === "days") {
    let at = from.getTime();
    let remaining = wait.amount;
    // At most 365 business days (~511 iterations), so a loop is clearer than week arithmetic.
    while (remaining > 0) {
      at += DAY_MS;
      if (!isWeekend(new Date(at))) remaining -= 1;
    }
    return new Date(at);
  }

  const result = new Date(from.getTime() + wait.amount * MINUTES_PER_UNIT[wait.unit] * MINUTE_MS);
  if (wait.businessDaysOnly && isWeekend(result)) {
    const daysToMonday = result.getUTCDay() === 6 ? 2 : 1;
    return new Date(result.getTime() + daysToMonday * DAY_MS);
  }
  return result;
}

export type StepOffset = { key: string; offsetMinutes: number; day: number };

/**
 * When each step fires relative to enrollment at t=0, for the editor's "Day N" labels and the
 * version diff. Non-wait steps take no time (tasks are assumed done at once) and a wait step
 * fires at the moment its wait begins. Business-day waits count as calendar days here because a
 * relative timeline has no weekday to anchor to; real fire times come from expectedRunTimes.
 */
export function stepOffsets(steps: readonly Step[]): StepOffset[] {
  let offset = 0;
  return steps.map((step) => {
    const row = { key: step.key, offsetMinutes: offset, day: Math.floor(offset / MINUTES_PER_DAY) };
    if (step.type === "wait") offset += step.amount * MINUTES_PER_UNIT[step.unit];
    return row;
  });
}

export function formatDay(day: number): string {
  return `Day ${day}`;
}

export type ExpectedRun = { key: string; index: number; at: Date };

/**
 * Expected fire time of each step from `fromIndex` on, if the step at `fromIndex` runs at
 * `startAt`. Uses real business days. Manual tasks are assumed completed instantly, so times
 * after a task are a lower bound.
 */
export function expectedRunTimes(steps: readonly Step[], fromIndex: number, startAt: Date): ExpectedRun[] {
  const runs: ExpectedRun[] = [];
  let at = startAt;
  for (let index = Math.max(0, fromIndex); index < steps.length; index++) {
    const step = steps[index];
    if (!step) break;
    runs.push({ key: step.key, index, at });
    if (step.type === "wait") at = addWait(at, step);
  }
  return runs;
}
