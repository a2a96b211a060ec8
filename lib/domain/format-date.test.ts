import { describe, expect, it } from "vitest";
import {
  canonicalTimeZone,
  displayTimeZone,
  formatDate,
  formatDateTime,
  formatRelative,
  formatTime,
  isValidTimeZone,
  timeZoneList,
  zoneAbbreviation,
} from "./format-date";

// Fixed instants either side of the 2026 daylight-saving changes:
// America/New_York springs forward 2026-03-08 07:00Z and falls back 2026-11-01 06:00Z;
// Europe/Berlin springs forward 2026-03-29 01:00Z and falls back 2026-10-25 01:00Z; Asia/Tokyo has none.
describe("formatDateTime in three zones across DST", () => {
  const cases: [string, string, string][] = [
    ["2026-03-08T06:59:00Z", "America/New_York", "Mar 8, 2026, 01:59 EST"],
    ["2026-03-08T07:00:00Z", "America/New_York", "Mar 8, 2026, 03:00 EDT"],
    ["2026-11-01T05:30:00Z", "America/New_York", "Nov 1, 2026, 01:30 EDT"],
    ["2026-11-01T06:30:00Z", "America/New_York", "Nov 1, 2026, 01:30 EST"],
    ["2026-03-29T00:59:00Z", "Europe/Berlin", "Mar 29, 2026, 01:59 GMT+1"],
    ["2026-03-29T01:00:00Z", "Europe/Berlin", "Mar 29, 2026, 03:00 GMT+2"],
    ["2026-10-25T00:30:00Z", "Europe/Berlin", "Oct 25, 2026, 02:30 GMT+2"],
    ["2026-10-25T01:30:00Z", "Europe/Berlin", "Oct 25, 2026, 02:30 GMT+1"],
    ["2026-03-08T07:00:00Z", "Asia/Tokyo", "Mar 8, 2026, 16:00 GMT+9"],
    ["2026-11-01T06:30:00Z", "Asia/Tokyo", "Nov 1, 2026, 15:30 GMT+9"],
    ["2026-01-01T00:00:00Z", "UTC", "Jan 1, 2026, 00:00 UTC"],
  ];
  it.each(cases)("%s in %s is %s", (instant, zone, expected) => {
    expect(formatDateTime(instant, zone)).toBe(expected);
  });

  it("names the zone by IANA name or not at all", () => {
    expect(formatDateTime("2026-03-08T14:00:00Z", "America/New_York", "iana")).toBe(
      "Mar 8, 2026, 10:00 (America/New_York)",
    );
    expect(formatDateTime("2026-03-08T14:00:00Z", "Asia/Tokyo", "none")).toBe("Mar 8, 2026, 23:00");
  });

  it("accepts Date, string and number, and shows a dash for nothing", () => {
    const at = Date.UTC(2026, 2, 3, 14, 0);
    expect(formatDateTime(new Date(at), "UTC")).toBe(formatDateTime(at, "UTC"));
    expect(formatDateTime(new Date(at).toISOString(), "UTC")).toBe("Mar 3, 2026, 14:00 UTC");
    expect(formatDateTime(null, "UTC")).toBe("—");
    expect(formatDateTime("not a date", "UTC")).toBe("—");
  });
});

describe("formatDate and formatTime", () => {
  const cases: [string, string, string, string][] = [
    // One instant, three calendar days or times depending on the zone.
    ["2026-03-08T03:30:00Z", "America/New_York", "Mar 7, 2026", "Sat 22:30"],
    ["2026-03-08T03:30:00Z", "Europe/Berlin", "Mar 8, 2026", "Sun 04:30"],
    ["2026-03-08T03:30:00Z", "Asia/Tokyo", "Mar 8, 2026", "Sun 12:30"],
    ["2026-10-25T23:30:00Z", "Europe/Berlin", "Oct 26, 2026", "Mon 00:30"],
  ];
  it.each(cases)("%s in %s: %s, %s", (instant, zone, date, time) => {
    expect(formatDate(instant, zone)).toBe(date);
    expect(formatTime(instant, zone, { weekday: true })).toBe(time);
  });

  it("labels a local time for the contact", () => {
    expect(formatTime("2026-03-09T00:00:00Z", "Asia/Tokyo", { weekday: true, label: "iana" })).toBe(
      "Mon 09:00 (Asia/Tokyo)",
    );
    expect(formatTime("2026-03-09T14:00:00Z", "America/New_York", { label: "short" })).toBe("10:00 EDT");
  });
});

describe("zoneAbbreviation", () => {
  it.each([
    ["2026-01-15T12:00:00Z", "America/New_York", "EST"],
    ["2026-07-15T12:00:00Z", "America/New_York", "EDT"],
    ["2026-01-15T12:00:00Z", "Europe/Berlin", "GMT+1"],
    ["2026-07-15T12:00:00Z", "Europe/Berlin", "GMT+2"],
    ["2026-07-15T12:00:00Z", "Asia/Tokyo", "GMT+9"],
  ])("%s in %s is %s", (instant, zone, expected) => {
    expect(zoneAbbreviation(instant, zone)).toBe(expected);
  });
});

describe("formatRelative", () => {
  const now = "2026-03-08T12:00:00Z";
  it.each([
    ["2026-03-08T12:00:20Z", "just now"],
    ["2026-03-08T12:05:00Z", "in 5 min"],
    ["2026-03-08T11:55:00Z", "5 min ago"],
    ["2026-03-08T15:00:00Z", "in 3 h"],
    ["2026-03-08T14:30:00Z", "in 2 h 30 min"],
    ["2026-03-09T23:00:00Z", "in 35 h"],
    ["2026-03-11T12:00:00Z", "in 3 days"],
    ["2026-03-05T12:00:00Z", "3 days ago"],
  ])("%s is %s", (instant, expected) => {
    expect(formatRelative(instant, now)).toBe(expected);
  });
});

describe("time zone validation", () => {
  it.each([
    ["America/New_York", "America/New_York"],
    ["america/new_york", "America/New_York"],
    ["Europe/Berlin", "Europe/Berlin"],
    ["Asia/Tokyo", "Asia/Tokyo"],
    ["UTC", "UTC"],
    [" Asia/Tokyo ", "Asia/Tokyo"],
    ["America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires"],
    ["Mars/Olympus_Mons", null],
    ["+05:00", null],
    ["", null],
    ["EST5EDT; DROP TABLE", null],
  ])("%j -> %j", (input, expected) => {
    expect(canonicalTimeZone(input)).toBe(expected);
    expect(isValidTimeZone(input)).toBe(expected !== null);
  });

  it("lists UTC and the zones of the runtime, sorted", () => {
    const list = timeZoneList();
    expect(list).toContain("UTC");
    expect(list).toContain("Europe/Berlin");
    expect([...list].sort()).toEqual(list);
  });

  it("displays in the user's zone, else the organisation's, else UTC", () => {
    expect(displayTimeZone("Asia/Tokyo", "Europe/Berlin")).toBe("Asia/Tokyo");
    expect(displayTimeZone(null, "Europe/Berlin")).toBe("Europe/Berlin");
    expect(displayTimeZone(null, null)).toBe("UTC");
  });
});
