import { describe, expect, it } from "vitest";
import { contentHash } from "./canonical-hash";
import {
  businessDaySpan,
  describeDayRange,
  formatSendWindow,
  longestClosedStretch,
  stepDayRanges,
} from "./schedule-labels";
import { versionContentSchema, type Step } from "./steps";
import { diffSettings, diffSteps } from "./version-diff";

const email = (key: string): Step => ({ key, type: "email", subject: "Hi", body: "Body" });
const wait = (key: string, amount: number, unit: "minutes" | "hours" | "days", businessDaysOnly = false): Step => ({
  key,
  type: "wait",
  amount,
  unit,
  businessDaysOnly,
});
const weekdays = { weekdays: [1, 2, 3, 4, 5], start: "09:00", end: "17:00" };

describe("businessDaySpan", () => {
  it.each([
    [1, 1, 3],
    [2, 2, 4],
    [3, 3, 5],
    [5, 5, 7],
    [6, 8, 10],
    [10, 12, 14],
  ])("%i business days span %i-%i calendar days", (days, min, max) => {
    expect(businessDaySpan(days)).toEqual({ min, max });
  });
});

describe("stepDayRanges", () => {
  const cases: [string, Step[], Parameters<typeof stepDayRanges>[1], string[]][] = [
    ["calendar days are exact", [email("a"), wait("w", 3, "days"), email("b")], {}, ["Day 0", "Day 0", "Day 3"]],
    [
      "a business-day wait is a range",
      [email("a"), wait("w", 3, "days", true), email("b")],
      {},
      ["Day 0", "Day 0", "Day 3-5, depending on weekends"],
    ],
    [
      "a send window delays the first message up to the longest closed stretch",
      [email("a"), wait("w", 3, "days", true), email("b")],
      { sendWindow: weekdays },
      [
        "Day 0-2, depending on the send window",
        "Day 0-2, depending on the send window",
        "Day 3-7, depending on the send window and weekends",
      ],
    ],
    [
      "holidays are named",
      [wait("w", 1, "days", true), email("b")],
      { holidays: ["2026-12-25"] },
      ["Day 0", "Day 1-3, depending on weekends and holidays"],
    ],
    ["hours add up to days", [wait("w", 36, "hours"), email("b")], {}, ["Day 0", "Day 1"]],
    [
      "business hours can land on a weekend",
      [wait("w", 4, "hours", true), email("b")],
      {},
      ["Day 0", "Day 0-2, depending on weekends"],
    ],
  ];
  it.each(cases)("%s", (_name, steps, settings, labels) => {
    expect(stepDayRanges(steps, settings).map(describeDayRange)).toEqual(labels);
  });

  it("without business days or a window the range is the old single day", () => {
    const ranges = stepDayRanges([email("a"), wait("w", 2, "days"), wait("x", 12, "hours"), email("b")]);
    expect(ranges.map((r) => [r.min, r.max])).toEqual([
      [0, 0],
      [0, 0],
      [2, 2],
      [2, 2],
    ]);
  });
});

describe("send window text", () => {
  it.each([
    [{ weekdays: [1, 2, 3, 4, 5], start: "09:00", end: "17:00" }, "Mon-Fri 09:00-17:00", 64 * 60],
    [{ weekdays: [1, 3, 5], start: "08:00", end: "12:00" }, "Mon, Wed, Fri 08:00-12:00", 68 * 60],
    [{ weekdays: [1, 2, 3, 4, 5, 6, 7], start: "08:00", end: "20:00" }, "Every day 08:00-20:00", 12 * 60],
  ])("%o", (window, text, closed) => {
    expect(formatSendWindow(window)).toBe(text);
    expect(longestClosedStretch(window)).toBe(closed);
  });
  it("no window", () => expect(formatSendWindow(undefined)).toBe("Any time"));
});

describe("version settings", () => {
  const old = { steps: [email("a"), { key: "s", type: "sms", body: "Ping" }] };

  it("content stored before the settings existed keeps its hash and gains no fields", () => {
    const parsed = versionContentSchema.parse(old);
    expect(parsed.settings).toEqual({ exitOnReply: true, exitOnUnsubscribe: true });
    expect(parsed.steps[0]).not.toHaveProperty("ifMissingChannel");
    // The hash of the empty version is pinned in canonical-hash.test.ts; this one is pinned here.
    expect(contentHash(parsed)).toBe(contentHash(versionContentSchema.parse(JSON.parse(JSON.stringify(old)))));
    expect(contentHash(versionContentSchema.parse({ steps: [] }))).toBe(
      "8a343366caa6a7cbdba6cacfc7a5addb64fd5a3b2aa7052c760a212cb1f0b6a8",
    );
  });

  it("validates windows, holidays and caps", () => {
    const parse = (settings: unknown) => versionContentSchema.safeParse({ steps: [], settings });
    expect(parse({ sendWindow: weekdays, holidays: ["2026-12-25"], dailyCap: { email: 100 } }).success).toBe(true);
    const message = (settings: unknown) => {
      const result = parse(settings);
      return result.success ? null : result.error.issues[0]?.message;
    };
    expect(message({ sendWindow: { weekdays: [], start: "09:00", end: "17:00" } })).toBe("Pick at least one weekday");
    expect(message({ sendWindow: { weekdays: [1], start: "17:00", end: "09:00" } })).toBe(
      "The window must end after it starts",
    );
    expect(message({ sendWindow: { weekdays: [1], start: "9am", end: "17:00" } })).toBe(
      "Use a 24-hour time such as 09:00",
    );
    expect(message({ holidays: ["2026-02-30"] })).toBe("Not a calendar date");
    expect(message({ holidays: ["2026-12-25", "2026-12-25"] })).toBe("Each holiday at most once");
    expect(message({ holidays: Array.from({ length: 367 }, (_, i) => `2027-01-01${i}`) })).toBeTruthy();
    expect(message({ dailyCap: { sms: 0 } })).toBe("A daily limit must be at least 1");
    expect(versionContentSchema.safeParse({ steps: [{ ...email("a"), ifMissingChannel: "bounce" }] }).success).toBe(
      false,
    );
  });

  it("the diff shows settings changes and treats a missing ifMissingChannel as skip", () => {
    expect(
      diffSettings({}, { sendWindow: weekdays, holidays: ["2026-12-25"], dailyCap: { email: 100 } }).map((c) => [
        c.field,
        c.before,
        c.after,
      ]),
    ).toEqual([
      ["Send window", "Any time", "Mon-Fri 09:00-17:00"],
      ["Holidays", "None", "2026-12-25"],
      ["Daily email limit", "None", "100"],
    ]);
    const a = email("a");
    expect(diffSteps([a], [{ ...a, ifMissingChannel: "skip" } as Step]).summary.modified).toBe(0);
    const changed = diffSteps([a], [{ ...a, ifMissingChannel: "exit" } as Step]);
    expect(changed.rows[0]?.fields.map((f) => [f.field, f.before, f.after])).toEqual([
      ["ifMissingChannel", "skip", "exit"],
    ]);
  });
});
