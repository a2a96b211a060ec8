import { describe, expect, it } from "vitest";
import { draftContentSchema } from "./draft";
import { STEP_LIMITS, stepSchema } from "./steps";

describe("draftContentSchema", () => {
  it.each([
    ["a blank email step (work in progress)", { steps: [{ key: "a", type: "email", subject: "", body: "" }] }, true],
    [
      "an unknown merge field (checked at publish)",
      { steps: [{ key: "a", type: "sms", body: "Hi {{nickname}}" }] },
      true,
    ],
    ["an unknown step type", { steps: [{ key: "a", type: "fax", body: "x" }] }, false],
    [
      "a subject over 200 characters",
      { steps: [{ key: "a", type: "email", subject: "x".repeat(201), body: "" }] },
      false,
    ],
    ["501 steps", { steps: Array.from({ length: 501 }, (_, i) => ({ key: `k${i}`, type: "sms", body: "x" })) }, false],
    [
      "duplicate keys",
      {
        steps: [
          { key: "a", type: "sms", body: "x" },
          { key: "a", type: "sms", body: "y" },
        ],
      },
      false,
    ],
    ["a wait that is not a number", { steps: [{ key: "a", type: "wait", amount: "2", unit: "days" }] }, false],
    ["a bad key", { steps: [{ key: "has space", type: "sms", body: "x" }] }, false],
  ])("%s -> valid: %s", (_name, input, valid) => {
    expect(draftContentSchema.safeParse(input).success).toBe(valid);
  });

  it("fills default settings", () => {
    expect(draftContentSchema.parse({ steps: [] }).settings).toEqual({ exitOnReply: true, exitOnUnsubscribe: true });
  });

  // One declaration of each limit: a value one over it fails both the draft and the published
  // schema, and the value at it passes the draft.
  it.each([
    ["subject", (n: number) => ({ key: "a", type: "email", subject: "x".repeat(n), body: "" }), STEP_LIMITS.subject],
    ["sms text", (n: number) => ({ key: "a", type: "sms", body: "x".repeat(n) }), STEP_LIMITS.smsBody],
    ["wait amount", (n: number) => ({ key: "a", type: "wait", amount: n, unit: "days" }), STEP_LIMITS.waitAmount],
    ["task title", (n: number) => ({ key: "a", type: "task", title: "x".repeat(n) }), STEP_LIMITS.taskTitle],
    ["task note", (n: number) => ({ key: "a", type: "task", title: "t", note: "x".repeat(n) }), STEP_LIMITS.taskNote],
  ] as const)("%s: the draft and the published schema share the limit", (_name, make, limit) => {
    expect(draftContentSchema.safeParse({ steps: [make(limit)] }).success).toBe(true);
    expect(draftContentSchema.safeParse({ steps: [make(limit + 1)] }).success).toBe(false);
    expect(stepSchema.safeParse(make(limit)).success).toBe(true);
    expect(stepSchema.safeParse(make(limit + 1)).success).toBe(false);
  });

  it("is more lenient than publishing only where work in progress needs it", () => {
    const wip = { key: "a", type: "wait", amount: 0, unit: "days" };
    expect(draftContentSchema.safeParse({ steps: [wip] }).success).toBe(true);
    expect(stepSchema.safeParse(wip).success).toBe(false);
  });
});
