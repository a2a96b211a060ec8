import { describe, expect, it } from "vitest";
import { signToken } from "./signed-token";
import { readUnsubscribeToken, unsubscribeToken, unsubscribeUrl } from "./unsubscribe-link";

const key = new Uint8Array(32).fill(7);
const other = new Uint8Array(32).fill(8);
const contactId = "0190f2a4-1111-7000-8000-000000000001";
const enrollmentId = "0190f2a4-2222-7000-8000-000000000002";
const messageId = "0190f2a4-3333-7000-8000-000000000003";

describe("unsubscribe tokens", () => {
  it("round-trips a contact and a message subject", () => {
    const a = unsubscribeToken(key, { kind: "contact", contactId, enrollmentId });
    expect(readUnsubscribeToken(key, a)).toEqual({ kind: "contact", contactId, enrollmentId });
    const b = unsubscribeToken(key, { kind: "message", messageId });
    expect(readUnsubscribeToken(key, b)).toEqual({ kind: "message", messageId });
  });

  it.each<[string, string]>([
    ["another key", unsubscribeToken(other, { kind: "contact", contactId, enrollmentId: null })],
    ["another purpose", signToken(key, "click", { c: contactId })],
    ["a payload without ids", signToken(key, "unsubscribe", { c: "not-a-uuid" })],
    [
      "a flipped character",
      unsubscribeToken(key, { kind: "contact", contactId, enrollmentId: null }).replace(/.$/, (c) =>
        c === "A" ? "B" : "A",
      ),
    ],
    ["garbage", "hello"],
  ])("refuses %s", (_name, token) => {
    expect(readUnsubscribeToken(key, token)).toBeNull();
  });

  it("builds the public link", () => {
    expect(unsubscribeUrl("https://app.example", "abc.def")).toBe("https://app.example/u/abc.def");
  });
});
