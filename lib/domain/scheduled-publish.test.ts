import { describe, expect, it } from "vitest";
import { localTimeToUtc, utcToLocalInput } from "./local-time";
import { scheduleTimeRefusal } from "./scheduled-publish";

describe("localTimeToUtc", () => {
  it.each([
    ["2026-12-01T09:30", "UTC", "2026-12-01T09:30:00.000Z"],
    ["2026-12-01T09:30", "America/New_York", "2026-12-01T14:30:00.000Z"],
    ["2026-07-01T09:30", "America/New_York", "2026-07-01T13:30:00.000Z"],
    ["2026-12-01T09:30", "Asia/Tokyo", "2026-12-01T00:30:00.000Z"],
    // Clocks go back in New York on 2026-11-01 at 02:00: 01:30 happens twice; luxon takes the second (EST).
    ["2026-11-01T01:30", "America/New_York", "2026-11-01T06:30:00.000Z"],
  ])("%s in %s is %s", (local, zone, iso) => {
    expect(localTimeToUtc(local, zone)).toEqual({ ok: true, at: new Date(iso) });
  });

  it.each([
    ["", "UTC", /Choose a date/],
    ["2026-12-01", "UTC", /Choose a date/],
    ["2026-13-01T09:30", "UTC", /exist/],
    ["2026-02-30T09:30", "UTC", /exist/],
    // Clocks go forward in New York on 2026-03-08 at 02:00: 02:30 never happens.
    ["2026-03-08T02:30", "America/New_York", /does not exist in America\/New_York/],
  ])("refuses %j in %s", (local, zone, message) => {
    const result = localTimeToUtc(local, zone);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it("round-trips through the input value", () => {
    const at = new Date("2026-12-01T14:30:00.000Z");
    expect(utcToLocalInput(at, "America/New_York")).toBe("2026-12-01T09:30");
  });
});

describe("scheduleTimeRefusal", () => {
  const now = new Date("2026-11-26T12:00:00.000Z");
  it.each([
    ["2026-11-26T11:59:00.000Z", /in the past/],
    ["2026-11-26T12:00:00.000Z", /in the past/],
    ["2028-01-01T00:00:00.000Z", /at most 366 days/],
  ])("refuses %s", (iso, message) => {
    expect(scheduleTimeRefusal(new Date(iso), now)).toMatch(message);
  });
  it("accepts a minute ahead", () => {
    expect(scheduleTimeRefusal(new Date("2026-11-26T12:01:00.000Z"), now)).toBeNull();
  });
});
