import { describe, expect, it } from "vitest";
import { sessionCookie } from "./session-cookie";

describe("sessionCookie", () => {
  it.each([
    ["https://sequencer.example.com", true, "__Secure-next-auth.session-token"],
    ["http://localhost:3000", false, "next-auth.session-token"],
    [undefined, false, "next-auth.session-token"],
  ])("%s -> secure %s", (url, secure, name) => {
    expect(sessionCookie(url)).toEqual({ name, options: { httpOnly: true, sameSite: "lax", path: "/", secure } });
  });
});
