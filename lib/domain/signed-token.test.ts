import { describe, expect, it } from "vitest";
import { signToken, verifyToken } from "./signed-token";

const key = new Uint8Array(32).fill(7);
const otherKey = new Uint8Array(32).fill(8);

describe("signed tokens", () => {
  it("round-trips the payload for the same key and purpose", () => {
    const token = signToken(key, "open", { m: "0190f1c2-aaaa-7bbb-8ccc-000000000001" });
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(verifyToken(key, "open", token)).toEqual({ m: "0190f1c2-aaaa-7bbb-8ccc-000000000001" });
  });

  it("refuses another purpose, another key, a tampered payload or MAC, and garbage", () => {
    const token = signToken(key, "click", { m: "a", l: 2 });
    const [body, mac] = token.split(".") as [string, string];
    const forgedBody = Buffer.from(JSON.stringify({ m: "b", l: 2 })).toString("base64url");
    expect(verifyToken(key, "open", token)).toBeNull();
    expect(verifyToken(otherKey, "click", token)).toBeNull();
    expect(verifyToken(key, "click", `${forgedBody}.${mac}`)).toBeNull();
    expect(verifyToken(key, "click", `${body}.${mac.slice(0, -2)}AA`)).toBeNull();
    for (const junk of ["", ".", "a.b.c", `${body}.`, `.${mac}`, "%%%.***", "x".repeat(5000)]) {
      expect(verifyToken(key, "click", junk)).toBeNull();
    }
  });
});
