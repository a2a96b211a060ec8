import { describe, expect, it } from "vitest";
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_IP, throttleDecision } from "./login-throttle";

describe("throttleDecision", () => {
  it.each([
    [0, 0, true],
    [MAX_FAILURES_PER_ACCOUNT - 1, 0, true],
    [MAX_FAILURES_PER_ACCOUNT, 0, false],
    [0, MAX_FAILURES_PER_IP - 1, true],
    [0, MAX_FAILURES_PER_IP, false],
    [MAX_FAILURES_PER_ACCOUNT + 3, MAX_FAILURES_PER_IP + 3, false],
  ])("account failures %i, ip failures %i -> allowed %s", (accountFailures, ipFailures, allowed) => {
    expect(throttleDecision({ accountFailures, ipFailures }).allowed).toBe(allowed);
  });

  it("names the account in the account message", () => {
    const d = throttleDecision({ accountFailures: MAX_FAILURES_PER_ACCOUNT, ipFailures: 0 });
    expect(d.allowed ? "" : d.reason).toMatch(/this account/);
  });
});
