import { describe, expect, it } from "vitest";
import { dayRangeInZone } from "./mailbox-days";
import { hasMailboxFilters, parseMailboxSearch } from "./mailbox-filter";
import { summarizeDeliveryError } from "./delivery-error";

const SEQ = "0190f3c1-1111-7000-8000-000000000001";
const VER = "0190f3c1-1111-7000-8000-000000000002";

describe("mailbox search parameters", () => {
  it.each([
    [{}, { q: null, sequence: null, version: null, channel: null, status: null, from: null, to: null }],
    [
      { q: "  ada ", channel: "sms", status: "sent" },
      { q: "ada", channel: "sms", status: "sent" },
    ],
    [{ q: "x".repeat(201) }, { q: null }],
    [
      { channel: "fax", status: "bounced", from: "2026-02-30", to: "yesterday" },
      { channel: null, status: null, from: null, to: null },
    ],
    [
      { from: "2026-03-01", to: ["2026-03-05", "2026-03-09"] },
      { from: "2026-03-01", to: "2026-03-05" },
    ],
    // A version without its sequence is dropped: versions belong to one sequence.
    [{ version: VER }, { version: null }],
    [
      { sequence: SEQ, version: VER },
      { sequence: SEQ, version: VER },
    ],
    [{ sequence: "'; DROP TABLE messages; --" }, { sequence: null }],
  ])("%j", (raw, expected) => {
    expect(parseMailboxSearch(raw)).toMatchObject(expected);
  });

  it("knows when anything filters the list", () => {
    expect(hasMailboxFilters(parseMailboxSearch({}))).toBe(false);
    expect(hasMailboxFilters(parseMailboxSearch({ before: SEQ }))).toBe(false);
    expect(hasMailboxFilters(parseMailboxSearch({ to: "2026-01-01" }))).toBe(true);
  });
});

describe("dayRangeInZone", () => {
  it.each([
    ["UTC", "2026-03-01", "2026-03-01", "2026-03-01T00:00:00.000Z", "2026-03-02T00:00:00.000Z"],
    ["America/New_York", "2026-03-08", "2026-03-08", "2026-03-08T05:00:00.000Z", "2026-03-09T04:00:00.000Z"], // DST day: 23 hours
    ["Asia/Tokyo", "2026-01-10", "2026-01-11", "2026-01-09T15:00:00.000Z", "2026-01-11T15:00:00.000Z"],
    ["Europe/Berlin", "2026-05-02", "2026-05-01", "2026-04-30T22:00:00.000Z", "2026-05-02T22:00:00.000Z"], // swapped
  ])("%s %s..%s", (zone, from, to, start, end) => {
    const range = dayRangeInZone(from, to, zone);
    expect(range.start?.toISOString()).toBe(start);
    expect(range.end?.toISOString()).toBe(end);
  });

  it("leaves an open side open", () => {
    expect(dayRangeInZone(null, "2026-03-01", "UTC").start).toBeNull();
    expect(dayRangeInZone("2026-03-01", null, "UTC").end).toBeNull();
  });
});

describe("summarizeDeliveryError", () => {
  it.each([
    [null, null],
    ["The contact has no phone number", "The contact has no address for this channel"],
    ["connect ECONNREFUSED 10.0.3.7:2525", "Could not reach the mail server"],
    ["getaddrinfo ENOTFOUND smtp.internal.corp", "Could not reach the mail server"],
    ["Greeting never received (timeout)", "The mail server did not answer in time"],
    [
      "Message failed: 550 5.1.1 <x@y>: Recipient address rejected: user unknown in table",
      "The mail server refused the message (SMTP 550)",
    ],
    [
      "Can't send mail - all recipients were rejected: 451 4.7.1 try later",
      "The mail server deferred the message (SMTP 451)",
    ],
    [
      "TypeError: Cannot read properties of undefined (reading 'x') at /srv/app/lib.js:1:2",
      "The transport reported an error",
    ],
  ])("%s", (raw, summary) => {
    expect(summarizeDeliveryError(raw)?.summary ?? null).toBe(summary);
  });

  it("never repeats host names, addresses or paths", () => {
    for (const raw of ["connect ECONNREFUSED 10.0.3.7:2525", "550 5.1.1 <secret@corp.example> rejected", "/srv/app x"])
      expect(summarizeDeliveryError(raw)?.summary).not.toMatch(/10\.0|corp|srv/);
  });
});
