import { describe, expect, it } from "vitest";
import { holdNote, stepStates } from "./step-states";
import type { Step } from "./steps";

const steps: Step[] = [
  { key: "s", type: "sms", body: "Hi" },
  { key: "e", type: "email", subject: "Hello", body: "Body" },
];

describe("why a step waits, on the enrollment page", () => {
  it.each([
    ["send_window", "America/New_York", "Waiting for the send window (opens Mon 9 Mar 09:00 in America/New_York)"],
    ["holiday", "Europe/Berlin", "Holiday: waiting for the send window (opens Mon 9 Mar 14:00 in Europe/Berlin)"],
    ["daily_cap", "Asia/Tokyo", "Daily limit reached, rolls to Mon 9 Mar 22:00 in Asia/Tokyo"],
  ])("%s", (reason, timeZone, note) => {
    expect(holdNote({ reason, until: new Date("2026-03-09T13:00:00Z"), timeZone })).toBe(note);
  });

  it("notes the held current step and the skipped one", () => {
    const until = new Date("2026-03-09T13:00:00Z");
    const views = stepStates({
      steps,
      status: "active",
      currentStepIndex: 1,
      nextRunAt: until,
      now: new Date("2026-03-06T22:00:00Z"),
      executedAt: new Map(),
      holds: new Map([[1, { reason: "send_window", until, timeZone: "America/New_York" }]]),
      skipped: new Map([[0, "sms"]]),
    });
    expect(views.map((v) => v.note)).toEqual([
      "Skipped: the contact has no phone number",
      "Waiting for the send window (opens Mon 9 Mar 09:00 in America/New_York)",
    ]);
  });
});
