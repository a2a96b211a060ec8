import { describe, expect, it } from "vitest";
import { approvalApplies, effectiveReviewStatus, reviewRequirement } from "./review-policy";

describe("reviewRequirement", () => {
  const cases = [
    { policy: "off", change: "structural", inFlight: 10_000, required: false },
    { policy: "always", change: "none", inFlight: 0, required: true },
    { policy: "always", change: "content", inFlight: 0, required: true },
    { policy: "structural_or_over_n", change: null, inFlight: 0, required: true },
    { policy: "structural_or_over_n", change: "structural", inFlight: 0, required: true },
    { policy: "structural_or_over_n", change: "content", inFlight: 5, required: false },
    { policy: "structural_or_over_n", change: "timing", inFlight: 5, required: false },
    { policy: "structural_or_over_n", change: "content", inFlight: 6, required: true },
  ] as const;
  it.each(cases)("$policy, $change, $inFlight in flight (threshold 5): required $required", (c) => {
    expect(reviewRequirement({ policy: c.policy, threshold: 5, change: c.change, inFlight: c.inFlight }).required).toBe(
      c.required,
    );
  });
  it("says why", () => {
    const r = reviewRequirement({ policy: "structural_or_over_n", threshold: 5, change: "content", inFlight: 1200 });
    expect(r).toEqual({ required: true, reason: expect.stringContaining("1,200 contacts are in flight") });
  });
});

describe("approvalApplies / effectiveReviewStatus", () => {
  const review = { status: "approved", draftRevision: 4, contentHash: "abc" } as const;
  it("holds for the same revision and hash only", () => {
    expect(approvalApplies(review, { revision: 4, contentHash: "abc" })).toBe(true);
    expect(approvalApplies(review, { revision: 5, contentHash: "abc" })).toBe(false);
    expect(approvalApplies(review, { revision: 4, contentHash: "def" })).toBe(false);
    expect(approvalApplies(review, { revision: 4, contentHash: null })).toBe(false);
    expect(approvalApplies({ ...review, status: "open" }, { revision: 4, contentHash: "abc" })).toBe(false);
  });
  it("shows an open or approved request for an older draft as stale, and leaves decided ones alone", () => {
    expect(effectiveReviewStatus(review, { revision: 5, contentHash: "abc" })).toBe("stale");
    expect(effectiveReviewStatus({ ...review, status: "open" }, { revision: 4, contentHash: "abc" })).toBe("open");
    expect(effectiveReviewStatus({ ...review, status: "changes_requested" }, { revision: 9, contentHash: "x" })).toBe(
      "changes_requested",
    );
  });
});
