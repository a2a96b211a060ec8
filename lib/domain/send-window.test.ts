import { describe, expect, it } from "vitest";
import {
  addBusinessDays,
  addWaitInZone,
  effectiveZone,
  isValidTimeZone,
  localDay,
  nextDayOpening,
  nextWindowOpening,
  splitByCap,
  type SendRules,
} from "./send-window";

const NY = "America/New_York";
const BERLIN = "Europe/Berlin";
const TOKYO = "Asia/Tokyo";

const weekdays: SendRules = {
  window: { weekdays: [1, 2, 3, 4, 5], start: "09:00", end: "17:00" },
  holidays: new Set(),
};
const everyDay = (start: string, end: string, holidays: string[] = []): SendRules => ({
  window: { weekdays: [1, 2, 3, 4, 5, 6, 7], start, end },
  holidays: new Set(holidays),
});
const withHolidays = (rules: SendRules, holidays: string[]): SendRules => ({ ...rules, holidays: new Set(holidays) });
const none = new Set<string>();

// 2026 DST changes: New York springs forward Sun 8 Mar (02:00 -> 03:00) and falls back Sun 1 Nov
// (02:00 -> 01:00); Berlin Sun 29 Mar (02:00 -> 03:00) and Sun 25 Oct (03:00 -> 02:00); Tokyo has none.
describe("nextWindowOpening", () => {
  const cases: [string, string, string, SendRules, string, string][] = [
    // [case, zone, at (UTC), rules, expected (UTC), reason]
    ["NY inside the window", NY, "2026-03-04T15:00:00Z", weekdays, "2026-03-04T15:00:00Z", "open"],
    ["NY one minute before opening", NY, "2026-03-04T13:59:00Z", weekdays, "2026-03-04T14:00:00Z", "send_window"],
    ["NY end is exclusive (17:00)", NY, "2026-03-04T22:00:00Z", weekdays, "2026-03-05T14:00:00Z", "send_window"],
    [
      "NY Friday evening -> Monday, across spring forward",
      NY,
      "2026-03-06T23:00:00Z",
      weekdays,
      "2026-03-09T13:00:00Z",
      "send_window",
    ],
    [
      "NY Saturday -> Monday, across fall back",
      NY,
      "2026-10-31T16:00:00Z",
      weekdays,
      "2026-11-02T14:00:00Z",
      "send_window",
    ],
    [
      "NY opening in the skipped hour opens at the gap's end",
      NY,
      "2026-03-08T05:00:00Z",
      everyDay("02:30", "05:00"),
      "2026-03-08T07:00:00Z",
      "send_window",
    ],
    [
      "NY opening in the repeated hour is its first occurrence",
      NY,
      "2026-11-01T04:00:00Z",
      everyDay("01:30", "05:00"),
      "2026-11-01T05:30:00Z",
      "send_window",
    ],
    [
      "NY in the repeated hour, second pass, is inside",
      NY,
      "2026-11-01T06:40:00Z",
      everyDay("01:30", "05:00"),
      "2026-11-01T06:40:00Z",
      "open",
    ],
    [
      "NY holiday eve -> after the holiday weekend (the holiday is why)",
      NY,
      "2026-12-24T23:00:00Z",
      withHolidays(weekdays, ["2026-12-25"]),
      "2026-12-28T14:00:00Z",
      "holiday",
    ],
    [
      "NY on the holiday itself",
      NY,
      "2026-12-25T15:00:00Z",
      withHolidays(weekdays, ["2026-12-25"]),
      "2026-12-28T14:00:00Z",
      "holiday",
    ],
    [
      "Berlin Friday at 17:00 -> Monday, across spring forward",
      BERLIN,
      "2026-03-27T16:00:00Z",
      weekdays,
      "2026-03-30T07:00:00Z",
      "send_window",
    ],
    [
      "Berlin Saturday -> Monday, across fall back",
      BERLIN,
      "2026-10-24T10:00:00Z",
      weekdays,
      "2026-10-26T08:00:00Z",
      "send_window",
    ],
    [
      "Berlin opening in the skipped hour",
      BERLIN,
      "2026-03-28T23:00:00Z",
      everyDay("02:30", "06:00"),
      "2026-03-29T01:00:00Z",
      "send_window",
    ],
    [
      "Berlin opening in the repeated hour is its first occurrence",
      BERLIN,
      "2026-10-24T22:00:00Z",
      everyDay("02:30", "06:00"),
      "2026-10-25T00:30:00Z",
      "send_window",
    ],
    ["Berlin inside", BERLIN, "2026-03-31T08:00:00Z", weekdays, "2026-03-31T08:00:00Z", "open"],
    [
      "Tokyo Friday evening -> Monday 09:00 JST",
      TOKYO,
      "2026-03-06T08:30:00Z",
      weekdays,
      "2026-03-09T00:00:00Z",
      "send_window",
    ],
    [
      "Tokyo Monday 08:00 JST is Sunday in UTC",
      TOKYO,
      "2026-03-08T23:00:00Z",
      weekdays,
      "2026-03-09T00:00:00Z",
      "send_window",
    ],
    [
      "Tokyo New Year holidays",
      TOKYO,
      "2026-12-31T10:00:00Z",
      withHolidays(weekdays, ["2027-01-01"]),
      "2027-01-04T00:00:00Z",
      "holiday",
    ],
    [
      "no window: always open",
      TOKYO,
      "2026-03-07T20:00:00Z",
      { window: null, holidays: new Set(["2026-03-08"]) },
      "2026-03-07T20:00:00Z",
      "open",
    ],
  ];
  it.each(cases)("%s", (_name, zone, at, rules, expected, reason) => {
    const opening = nextWindowOpening(new Date(at), zone, rules);
    expect(opening.at.toISOString()).toBe(new Date(expected).toISOString());
    expect(opening.reason).toBe(reason);
  });
});

describe("addBusinessDays", () => {
  const cases: [string, string, string, number, string[], string][] = [
    [
      "NY Friday + 1, across spring forward, same local time",
      NY,
      "2026-03-06T15:00:00Z",
      1,
      [],
      "2026-03-09T14:00:00Z",
    ],
    ["NY Monday + 5 = next Monday", NY, "2026-03-02T15:00:00Z", 5, [], "2026-03-09T14:00:00Z"],
    ["NY Thursday + 1 over a Friday holiday", NY, "2026-12-24T15:00:00Z", 1, ["2026-12-25"], "2026-12-28T15:00:00Z"],
    ["NY Friday + 1 across fall back", NY, "2026-10-30T14:00:00Z", 1, [], "2026-11-02T15:00:00Z"],
    ["Berlin Friday + 1 across fall back", BERLIN, "2026-10-23T08:00:00Z", 1, [], "2026-10-26T09:00:00Z"],
    [
      "Berlin Friday + 2 across spring forward, Monday holiday",
      BERLIN,
      "2026-03-27T09:00:00Z",
      2,
      ["2026-03-30"],
      "2026-04-01T08:00:00Z",
    ],
    [
      "Tokyo Saturday 08:00 (Friday in UTC) + 1 = Monday 08:00",
      TOKYO,
      "2026-03-06T23:00:00Z",
      1,
      [],
      "2026-03-08T23:00:00Z",
    ],
    [
      "Tokyo Thursday + 1 over New Year's Day",
      TOKYO,
      "2026-12-31T01:00:00Z",
      1,
      ["2027-01-01"],
      "2027-01-04T01:00:00Z",
    ],
  ];
  it.each(cases)("%s", (_name, zone, from, days, holidays, expected) => {
    expect(addBusinessDays(new Date(from), days, zone, new Set(holidays)).toISOString()).toBe(
      new Date(expected).toISOString(),
    );
  });
});

describe("addWaitInZone", () => {
  const cases: [string, string, string, Parameters<typeof addWaitInZone>[1], string][] = [
    [
      "NY 1 day across spring forward is one local day (23 h)",
      NY,
      "2026-03-07T15:00:00Z",
      { amount: 1, unit: "days", businessDaysOnly: false },
      "2026-03-08T14:00:00Z",
    ],
    [
      "NY 24 hours across spring forward is elapsed time",
      NY,
      "2026-03-07T15:00:00Z",
      { amount: 24, unit: "hours", businessDaysOnly: false },
      "2026-03-08T15:00:00Z",
    ],
    [
      "NY 1 day to a skipped wall time moves forward by the gap",
      NY,
      "2026-03-07T07:30:00Z",
      { amount: 1, unit: "days", businessDaysOnly: false },
      "2026-03-08T07:30:00Z",
    ],
    [
      "NY 1 day across fall back (25 h)",
      NY,
      "2026-10-31T14:00:00Z",
      { amount: 1, unit: "days", businessDaysOnly: false },
      "2026-11-01T15:00:00Z",
    ],
    [
      "Berlin 1 day across fall back (25 h)",
      BERLIN,
      "2026-10-24T08:00:00Z",
      { amount: 1, unit: "days", businessDaysOnly: false },
      "2026-10-25T09:00:00Z",
    ],
    [
      "Berlin 1 day across spring forward (23 h)",
      BERLIN,
      "2026-03-28T09:00:00Z",
      { amount: 1, unit: "days", businessDaysOnly: false },
      "2026-03-29T08:00:00Z",
    ],
    [
      "Berlin 90 minutes is 90 minutes across the change",
      BERLIN,
      "2026-03-29T00:30:00Z",
      { amount: 90, unit: "minutes", businessDaysOnly: false },
      "2026-03-29T02:00:00Z",
    ],
    [
      "Tokyo 2 days is 48 h",
      TOKYO,
      "2026-03-07T01:00:00Z",
      { amount: 2, unit: "days", businessDaysOnly: false },
      "2026-03-09T01:00:00Z",
    ],
    [
      "Tokyo business hours landing on Saturday move to Monday",
      TOKYO,
      "2026-03-06T08:00:00Z",
      { amount: 12, unit: "hours", businessDaysOnly: true },
      "2026-03-08T20:00:00Z",
    ],
    [
      "NY business days",
      NY,
      "2026-03-06T15:00:00Z",
      { amount: 1, unit: "days", businessDaysOnly: true },
      "2026-03-09T14:00:00Z",
    ],
  ];
  it.each(cases)("%s", (_name, zone, from, wait, expected) => {
    expect(addWaitInZone(new Date(from), wait, zone, none).toISOString()).toBe(new Date(expected).toISOString());
  });
});

describe("daily caps", () => {
  const items = Array.from({ length: 250 }, (_, i) => i);
  const cases: [string, number, number | null, number, number][] = [
    ["a fresh day takes the cap", 0, 100, 100, 150],
    ["sends already counted leave the rest", 60, 100, 40, 210],
    ["a full day rolls everything", 100, 100, 0, 250],
    ["over the cap (cap lowered) rolls everything", 140, 100, 0, 250],
    ["no cap sends all", 5000, null, 250, 0],
  ];
  it.each(cases)("%s", (_name, counted, cap, today, roll) => {
    const split = splitByCap(items, counted, cap);
    expect(split.today).toHaveLength(today);
    expect(split.roll).toHaveLength(roll);
    // Order is kept: today's are the first ones, the rolled ones follow in the same order.
    expect([...split.today, ...split.roll]).toEqual(items);
  });

  it("three days spread 250 sends 100 / 100 / 50", () => {
    let left = items;
    const days: number[][] = [];
    while (left.length > 0) {
      const split = splitByCap(left, 0, 100);
      days.push(split.today);
      left = split.roll;
    }
    expect(days.map((d) => d.length)).toEqual([100, 100, 50]);
    expect(days.flat()).toEqual(items);
  });

  const rollCases: [string, string, string, string, SendRules, string][] = [
    [
      "org NY, contact NY, weekday window: next morning",
      NY,
      NY,
      "2026-03-04T16:00:00Z",
      weekdays,
      "2026-03-05T14:00:00Z",
    ],
    [
      "org NY, contact Tokyo: NY midnight is 14:00 in Tokyo, inside its window",
      NY,
      TOKYO,
      "2026-03-04T16:00:00Z",
      weekdays,
      "2026-03-05T05:00:00Z",
    ],
    [
      "org Berlin, no window: Berlin midnight",
      BERLIN,
      BERLIN,
      "2026-03-04T16:00:00Z",
      { window: null, holidays: none },
      "2026-03-04T23:00:00Z",
    ],
    ["org NY Friday: Monday across spring forward", NY, NY, "2026-03-06T16:00:00Z", weekdays, "2026-03-09T13:00:00Z"],
  ];
  it.each(rollCases)("rolls over: %s", (_name, orgZone, zone, at, rules, expected) => {
    expect(nextDayOpening(new Date(at), orgZone, zone, rules).toISOString()).toBe(new Date(expected).toISOString());
  });
});

describe("local days and zones", () => {
  const cases: [string, string, string, number][] = [
    ["NY spring forward day is 23 hours", NY, "2026-03-08T12:00:00Z", 23],
    ["NY fall back day is 25 hours", NY, "2026-11-01T12:00:00Z", 25],
    ["Berlin fall back day is 25 hours", BERLIN, "2026-10-25T12:00:00Z", 25],
    ["Berlin spring forward day is 23 hours", BERLIN, "2026-03-29T12:00:00Z", 23],
    ["Tokyo days are 24 hours", TOKYO, "2026-03-08T12:00:00Z", 24],
  ];
  it.each(cases)("%s", (_name, zone, at, hours) => {
    const day = localDay(new Date(at), zone);
    expect((day.end.getTime() - day.start.getTime()) / 3_600_000).toBe(hours);
  });

  it("falls back from an unknown or missing contact zone to the organisation's, then UTC", () => {
    expect(isValidTimeZone(NY)).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
    expect(effectiveZone(TOKYO, NY)).toBe(TOKYO);
    expect(effectiveZone(null, NY)).toBe(NY);
    expect(effectiveZone("Mars/Olympus", BERLIN)).toBe(BERLIN);
    expect(effectiveZone(null, "nope")).toBe("UTC");
  });
});
