import { describe, expect, it } from "vitest";
import { addWait, expectedRunTimes, formatDay, stepOffsets, type WaitSpec } from "./schedule";
import type { Step } from "./steps";

// 2024-01-01 is a Monday; 06 is Saturday, 07 Sunday.
const at = (iso: string) => new Date(`${iso}Z`);

describe("addWait", () => {
  it.each<[string, string, WaitSpec, string]>([
    ["minutes", "2024-01-01T10:00:00", { amount: 90, unit: "minutes", businessDaysOnly: false }, "2024-01-01T11:30:00"],
    [
      "hours across midnight",
      "2024-01-01T22:00:00",
      { amount: 3, unit: "hours", businessDaysOnly: false },
      "2024-01-02T01:00:00",
    ],
    [
      "calendar days over a weekend",
      "2024-01-05T09:00:00",
      { amount: 2, unit: "days", businessDaysOnly: false },
      "2024-01-07T09:00:00",
    ],
    [
      "calendar days across a month",
      "2024-01-31T09:00:00",
      { amount: 1, unit: "days", businessDaysOnly: false },
      "2024-02-01T09:00:00",
    ],
    ["leap day", "2024-02-28T09:00:00", { amount: 1, unit: "days", businessDaysOnly: false }, "2024-02-29T09:00:00"],
    ["365 days", "2024-01-01T00:00:00", { amount: 365, unit: "days", businessDaysOnly: false }, "2024-12-31T00:00:00"],
    // business days
    ["Mon + 1 bd", "2024-01-01T09:00:00", { amount: 1, unit: "days", businessDaysOnly: true }, "2024-01-02T09:00:00"],
    ["Thu + 1 bd", "2024-01-04T09:00:00", { amount: 1, unit: "days", businessDaysOnly: true }, "2024-01-05T09:00:00"],
    [
      "Fri + 1 bd = Mon",
      "2024-01-05T09:00:00",
      { amount: 1, unit: "days", businessDaysOnly: true },
      "2024-01-08T09:00:00",
    ],
    [
      "Sat + 1 bd = Mon",
      "2024-01-06T09:00:00",
      { amount: 1, unit: "days", businessDaysOnly: true },
      "2024-01-08T09:00:00",
    ],
    [
      "Sun + 1 bd = Mon",
      "2024-01-07T09:00:00",
      { amount: 1, unit: "days", businessDaysOnly: true },
      "2024-01-08T09:00:00",
    ],
    [
      "Sat + 2 bd = Tue",
      "2024-01-06T09:00:00",
      { amount: 2, unit: "days", businessDaysOnly: true },
      "2024-01-09T09:00:00",
    ],
    [
      "Mon + 5 bd = next Mon",
      "2024-01-01T09:00:00",
      { amount: 5, unit: "days", businessDaysOnly: true },
      "2024-01-08T09:00:00",
    ],
    [
      "Wed + 3 bd = Mon",
      "2024-01-03T09:00:00",
      { amount: 3, unit: "days", businessDaysOnly: true },
      "2024-01-08T09:00:00",
    ],
    [
      "Mon + 10 bd = Mon two weeks on",
      "2024-01-01T09:00:00",
      { amount: 10, unit: "days", businessDaysOnly: true },
      "2024-01-15T09:00:00",
    ],
    // minutes/hours with business days only move a weekend landing spot
    [
      "hours landing on a weekday",
      "2024-01-04T09:00:00",
      { amount: 5, unit: "hours", businessDaysOnly: true },
      "2024-01-04T14:00:00",
    ],
    [
      "hours landing on Sat -> Mon",
      "2024-01-05T20:00:00",
      { amount: 6, unit: "hours", businessDaysOnly: true },
      "2024-01-08T02:00:00",
    ],
    [
      "minutes landing on Sun -> Mon",
      "2024-01-06T23:50:00",
      { amount: 20, unit: "minutes", businessDaysOnly: true },
      "2024-01-08T00:10:00",
    ],
    [
      "hours from Sat to Mon stay",
      "2024-01-06T12:00:00",
      { amount: 48, unit: "hours", businessDaysOnly: true },
      "2024-01-08T12:00:00",
    ],
  ])("%s", (_name, from, wait, expected) => {
    expect(addWait(at(from), wait).toISOString()).toBe(at(expected).toISOString());
  });

  it("business days always land on a weekday and never earlier than calendar days", () => {
    for (let startDay = 1; startDay <= 7; startDay++) {
      const from = at(`2024-01-0${startDay}T12:00:00`);
      for (let amount = 1; amount <= 30; amount++) {
        const business = addWait(from, { amount, unit: "days", businessDaysOnly: true });
        const calendar = addWait(from, { amount, unit: "days", businessDaysOnly: false });
        expect([0, 6]).not.toContain(business.getUTCDay());
        expect(business.getTime()).toBeGreaterThanOrEqual(calendar.getTime());
      }
    }
  });
});

const email = (key: string): Step => ({ key, type: "email", subject: "S", body: "" });
const task = (key: string): Step => ({ key, type: "task", title: "T", note: "" });
const wait = (key: string, amount: number, unit: "minutes" | "hours" | "days", businessDaysOnly = false): Step => ({
  key,
  type: "wait",
  amount,
  unit,
  businessDaysOnly,
});

describe("stepOffsets", () => {
  it.each<[string, Step[], [string, number, number][]]>([
    ["empty", [], []],
    [
      "immediate steps all at 0",
      [email("a"), task("b")],
      [
        ["a", 0, 0],
        ["b", 0, 0],
      ],
    ],
    [
      "a wait fires where it begins and delays later steps",
      [email("a"), wait("w", 2, "days"), email("b")],
      [
        ["a", 0, 0],
        ["w", 0, 0],
        ["b", 2880, 2],
      ],
    ],
    [
      "hours accumulate into days",
      [wait("w1", 20, "hours"), email("a"), wait("w2", 5, "hours"), email("b")],
      [
        ["w1", 0, 0],
        ["a", 1200, 0],
        ["w2", 1200, 0],
        ["b", 1500, 1],
      ],
    ],
    [
      "business days count as calendar days",
      [wait("w", 3, "days", true), email("a")],
      [
        ["w", 0, 0],
        ["a", 4320, 3],
      ],
    ],
    [
      "trailing wait",
      [email("a"), wait("w", 30, "minutes")],
      [
        ["a", 0, 0],
        ["w", 0, 0],
      ],
    ],
  ])("%s", (_name, steps, expected) => {
    expect(stepOffsets(steps)).toEqual(expected.map(([key, offsetMinutes, day]) => ({ key, offsetMinutes, day })));
  });
});

describe("formatDay", () => {
  it.each([
    [0, "Day 0"],
    [2, "Day 2"],
    [365, "Day 365"],
  ])("%i -> %s", (day, label) => {
    expect(formatDay(day)).toBe(label);
  });
});

describe("expectedRunTimes", () => {
  const steps = [email("a"), wait("w1", 1, "days", true), task("t"), wait("w2", 2, "hours"), email("b")];

  it.each<[string, number, string, [string, number, string][]]>([
    [
      "from the start on a Friday",
      0,
      "2024-01-05T09:00:00",
      [
        ["a", 0, "2024-01-05T09:00:00"],
        ["w1", 1, "2024-01-05T09:00:00"],
        ["t", 2, "2024-01-08T09:00:00"],
        ["w2", 3, "2024-01-08T09:00:00"],
        ["b", 4, "2024-01-08T11:00:00"],
      ],
    ],
    [
      "from the middle",
      3,
      "2024-01-02T09:00:00",
      [
        ["w2", 3, "2024-01-02T09:00:00"],
        ["b", 4, "2024-01-02T11:00:00"],
      ],
    ],
    ["past the end", 5, "2024-01-02T09:00:00", []],
    [
      "negative index clamps to 0",
      -1,
      "2024-01-01T00:00:00",
      [
        ["a", 0, "2024-01-01T00:00:00"],
        ["w1", 1, "2024-01-01T00:00:00"],
        ["t", 2, "2024-01-02T00:00:00"],
        ["w2", 3, "2024-01-02T00:00:00"],
        ["b", 4, "2024-01-02T02:00:00"],
      ],
    ],
  ])("%s", (_name, fromIndex, startAt, expected) => {
    const runs = expectedRunTimes(steps, fromIndex, at(startAt)).map((r) => [r.key, r.index, r.at.toISOString()]);
    expect(runs).toEqual(expected.map(([k, i, iso]) => [k, i, at(iso).toISOString()]));
  });
});
