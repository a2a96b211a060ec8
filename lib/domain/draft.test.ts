import { describe, expect, it } from "vitest";
import { draftContentSchema } from "./draft";

describe("draftContentSchema", () => {
  it.each([
    ["a blank email step (work in progress)", { steps: [{ key: "a", type: "email", subject: "", body: "" }] }, true],
    ["an unknown merge field (checked at publish)", { steps: [{ key: "a", type: "sms", body: "Hi {{nickname}}" }] }, true],
    ["an unknown step type", { steps: [{ key: "a", type: "fax", body: "x" }] }, false],
    ["a subject over 200 characters", { steps: [{ key: "a", type: "email", subject: "x".repeat(201), body: "" }] }, false],
    ["501 steps", { steps: Array.from({ length: 501 }, (_, i) => ({ key: `k${i}`, type: "sms", body: "x" })) }, false],
    ["duplicate keys", { steps: [{ key: "a", type: "sms", body: "x" }, { key: "a", type: "sms", body: "y" }] }, false],
    ["a wait that is not a number", { steps: [{ key: "a", type: "wait", amount: "2", unit: "days" }] }, false],
    ["a bad key", { steps: [{ key: "has space", type: "sms", body: "x" }] }, false],
  ])("%s -> valid: %s", (_name, input, valid) => {
    expect(draftContentSchema.safeParse(input).success).toBe(valid);
  });

  it("fills default settings", () => {
    expect(draftContentSchema.parse({ steps: [] }).settings).toEqual({ exitOnReply: true, exitOnUnsubscribe: true });
  });
});
