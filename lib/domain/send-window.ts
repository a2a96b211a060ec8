import { DateTime, IANAZone } from "luxon";
import type { WaitSpec } from "./schedule";

// Local-time schedule maths for the runner: send windows, holidays, business days and daily
// caps, in a contact's IANA time zone. All zone arithmetic goes through luxon (which reads the
// platform's tz database through Intl); nothing here adds or subtracts UTC offsets by hand.
// Kept apart from schedule.ts so the editor's bundle (labels) never pulls luxon in.
//
// Decisions, each tested in send-window.test.ts:
// - Weekdays are ISO numbers, 1 = Monday ... 7 = Sunday. A window is [start, end) in local wall
//   time on an allowed weekday that is not a holiday; start < end (no overnight windows).
// - A window opening inside a skipped hour (spring forward: 02:30 does not exist in New York on
//   2026-03-08) opens at the first instant whose local time is past the start: the end of the gap
//   (03:00 EDT). An opening inside a repeated hour (fall back: 01:30 happens twice) is its first
//   occurrence.
// - Holidays are local calendar dates ("2026-12-25") in the contact's zone. They close the send
//   window (only when the version has one) and business-day waits always skip them.
// - A wait in minutes or hours is elapsed time (90 minutes is 90 minutes, even across a DST
//   change). A wait in days is local calendar days at the same local wall time: "1 day" from
//   Saturday 10:00 before spring forward is Sunday 10:00, 23 hours later. A wall time that the
//   target day skips moves forward by the gap (luxon's rule), a repeated one takes the first.
// - Business days (days, businessDaysOnly) count local days that are Mon-Fri and not holidays,
//   keeping the local wall time; business minutes/hours add the duration and, if it lands on a
//   weekend or holiday, move to the next business day at the same local time.

export type SendWindow = { weekdays: readonly number[]; start: string; end: string };

/** What a version's settings say about when messages may go out. */
export type SendRules = {
  window: SendWindow | null;
  holidays: ReadonlySet<string>;
};

export const NO_RULES: SendRules = { window: null, holidays: new Set() };

export type Opening = { at: Date; reason: "open" | "send_window" | "holiday" };

const zoneValidity = new Map<string, boolean>();

/** True for an IANA zone name the runtime knows ("America/New_York", "UTC"). */
export function isValidTimeZone(zone: string): boolean {
  let known = zoneValidity.get(zone);
  if (known === undefined) {
    known = IANAZone.isValidZone(zone);
    if (zoneValidity.size < 1000) zoneValidity.set(zone, known);
  }
  return known;
}

/** The contact's zone, else the organisation's, else UTC; an unknown name falls back the same way. */
export function effectiveZone(contactZone: string | null | undefined, orgZone: string | null | undefined): string {
  if (contactZone && isValidTimeZone(contactZone)) return contactZone;
  if (orgZone && isValidTimeZone(orgZone)) return orgZone;
  return "UTC";
}

/** "09:30" -> 570. */
export function minutesOfDay(time: string): number {
  const [h, m] = time.split(":");
  return Number(h) * 60 + Number(m);
}

function local(at: Date | number, zone: string): DateTime {
  return DateTime.fromMillis(typeof at === "number" ? at : at.getTime(), { zone });
}

function dayIsOpen(day: DateTime, rules: SendRules): boolean {
  const window = rules.window;
  if (!window) return true;
  return window.weekdays.includes(day.weekday) && !rules.holidays.has(day.toISODate() ?? "");
}

/**
 * The first instant at which local wall time on `day` (a local start of day) reaches `minutes`:
 * the wall time itself, or, when the day skips it (spring forward), the end of the gap.
 */
function wallTimeOn(day: DateTime, minutes: number): DateTime {
  const wanted = day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60, second: 0, millisecond: 0 });
  const got = wanted.hour * 60 + wanted.minute;
  if (got === minutes && wanted.hasSame(day, "day")) return wanted;
  // Inside a gap luxon moves the wall time forward by the gap's length; step back minute by
  // minute (a gap is at most an hour or two) while the local time is still at or past `minutes`.
  let at = wanted;
  for (let i = 0; i < 180; i++) {
    const before = at.minus({ minutes: 1 });
    if (!before.hasSame(day, "day") || before.hour * 60 + before.minute < minutes) break;
    at = before;
  }
  return at;
}

/**
 * When a message due at `at` may go out for a contact in `zone`: `at` itself if the window is
 * open (or the version has none), else the next opening, and why it waits (the window is closed,
 * or today is a holiday).
 */
export function nextWindowOpening(at: Date, zone: string, rules: SendRules): Opening {
  const window = rules.window;
  if (!window || window.weekdays.length === 0) return { at, reason: "open" };
  const start = minutesOfDay(window.start);
  const end = minutesOfDay(window.end);
  const now = local(at, zone);
  const nowMinutes = now.hour * 60 + now.minute;
  const holidayToday = rules.holidays.has(now.toISODate() ?? "");
  if (!holidayToday && window.weekdays.includes(now.weekday) && nowMinutes >= start && nowMinutes < end) {
    return { at, reason: "open" };
  }
  // "holiday" when a holiday closes today or pushes the opening past a day the window would open.
  let reason: Opening["reason"] = holidayToday ? "holiday" : "send_window";
  let day = now.startOf("day");
  // Today still counts if the window has not opened yet; then at most a year of days (holidays are capped at 366).
  for (let i = 0; i < 400; i++) {
    if (dayIsOpen(day, rules)) {
      const opening = wallTimeOn(day, start);
      if (opening.toMillis() > at.getTime()) return { at: opening.toJSDate(), reason };
    } else if (i > 0 && window.weekdays.includes(day.weekday)) {
      reason = "holiday";
    }
    day = day.plus({ days: 1 }).startOf("day");
  }
  return { at, reason: "open" }; // no allowed day at all: never hold a message forever
}

function isBusinessDay(day: DateTime, holidays: ReadonlySet<string>): boolean {
  return day.weekday <= 5 && !holidays.has(day.toISODate() ?? "");
}

/** `days` business days after `from` in `zone`, at the same local wall time. */
export function addBusinessDays(from: Date, days: number, zone: string, holidays: ReadonlySet<string>): Date {
  let at = local(from, zone);
  let remaining = days;
  for (let guard = 0; remaining > 0 && guard < 5000; guard++) {
    at = at.plus({ days: 1 });
    if (isBusinessDay(at, holidays)) remaining -= 1;
  }
  return at.toJSDate();
}

/** When a wait starting at `from` ends, in the contact's zone (see the decisions above). */
export function addWaitInZone(from: Date, wait: WaitSpec, zone: string, holidays: ReadonlySet<string>): Date {
  if (wait.unit === "days") {
    if (wait.businessDaysOnly) return addBusinessDays(from, wait.amount, zone, holidays);
    return local(from, zone).plus({ days: wait.amount }).toJSDate();
  }
  const minutes = wait.unit === "hours" ? wait.amount * 60 : wait.amount;
  const end = new Date(from.getTime() + minutes * 60_000);
  if (!wait.businessDaysOnly) return end;
  let at = local(end, zone);
  for (let guard = 0; !isBusinessDay(at, holidays) && guard < 400; guard++) at = at.plus({ days: 1 });
  return at.toJSDate();
}

/** The local calendar day of `at` in `zone`: its date and its [start, end) instants (23-25 hours). */
export function localDay(at: Date, zone: string): { date: string; start: Date; end: Date } {
  const start = local(at, zone).startOf("day");
  return { date: start.toISODate() ?? "", start: start.toJSDate(), end: start.plus({ days: 1 }).toJSDate() };
}

/** A running count of one day's sends against a cap (null = no cap). */
export class CapBudget {
  constructor(
    private used: number,
    readonly cap: number | null,
  ) {}

  /** Takes one send if the cap allows it. */
  take(): boolean {
    if (this.cap !== null && this.used >= this.cap) return false;
    this.used += 1;
    return true;
  }

  get count(): number {
    return this.used;
  }
}

/**
 * Given sends already counted for the local day and a cap, which of an ordered list go today and
 * which roll to the next window (in the same order).
 */
export function splitByCap<T>(items: readonly T[], alreadySent: number, cap: number | null): { today: T[]; roll: T[] } {
  const budget = new CapBudget(alreadySent, cap);
  const today: T[] = [];
  const roll: T[] = [];
  for (const item of items) (budget.take() ? today : roll).push(item);
  return { today, roll };
}

/**
 * Where a send that is over today's cap goes: the first window opening for the contact at or
 * after the start of the organisation's next local day.
 */
export function nextDayOpening(at: Date, orgZone: string, contactZone: string, rules: SendRules): Date {
  const tomorrow = localDay(at, orgZone).end;
  return nextWindowOpening(tomorrow, contactZone, rules).at;
}
