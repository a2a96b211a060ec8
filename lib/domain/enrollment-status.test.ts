import { describe, expect, it } from "vitest";
import {
  ENROLLMENT_STATUSES,
  FINISHED_STATUSES,
  IN_FLIGHT_STATUSES,
  isEnrollmentStatus,
  isFinished,
  isInFlight,
} from "./enrollment-status";

describe("enrollment status vocabulary", () => {
  it.each([
    ["active", true, false],
    ["paused", true, false],
    ["completed", false, true],
    ["exited", false, true],
    ["failed", false, true],
  ] as const)("%s: in flight %s, finished %s", (status, inFlight, finished) => {
    expect(isInFlight(status)).toBe(inFlight);
    expect(isFinished(status)).toBe(finished);
  });

  it("splits every status into exactly one of in flight and finished", () => {
    expect([...IN_FLIGHT_STATUSES, ...FINISHED_STATUSES].sort()).toEqual([...ENROLLMENT_STATUSES].sort());
  });

  it("recognises only known statuses", () => {
    expect(isEnrollmentStatus("paused")).toBe(true);
    expect(isEnrollmentStatus("deleted")).toBe(false);
  });
});
