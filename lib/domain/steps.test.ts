import { describe, expect, it } from "vitest";
import {
  blankStep,
  mergeFieldsIn,
  newStepKey,
  STEP_TYPES,
  stepKeySchema,
  stepSchema,
  stepsSchema,
  versionContentSchema,
  type Step,
} from "./steps";

function issuesOf(result: { success: boolean; error?: { issues: { message: string; path: PropertyKey[] }[] } }) {
  return (result.error?.issues ?? []).map((i) => ({ path: i.path.join("."), message: i.message }));
}

describe("stepKeySchema", () => {
  it.each([
    ["s_abc", true],
    ["A-9_z", true],
    ["x".repeat(64), true],
    ["x".repeat(65), false],
    ["", false],
    ["has space", false],
    ["dot.key", false],
    ["ümlaut", false],
  ])("%j valid=%s", (key, valid) => {
    expect(stepKeySchema.safeParse(key).success).toBe(valid);
  });
});

describe("mergeFieldsIn", () => {
  it.each([
    ["Hi {{first_name}}", ["first_name"]],
    ["Hi {{ first_name }} {{last_name}}", ["first_name", "last_name"]],
    ["{{email}} and {{ email }} again", ["email"]],
    ["no fields { here } {{", []],
    ["{{ first name }}", ["first name"]],
    ["{{}}", [""]],
  ])("%j -> %j", (text, fields) => {
    expect(mergeFieldsIn(text)).toEqual(fields);
  });
});

describe("stepSchema accepts valid steps and fills defaults", () => {
  it.each<[string, unknown, Step]>([
    [
      "email trims subject",
      { key: "a", type: "email", subject: "  Hello {{first_name}} ", body: "Body {{ email }}" },
      { key: "a", type: "email", subject: "Hello {{first_name}}", body: "Body {{ email }}" },
    ],
    [
      "email empty body",
      { key: "a", type: "email", subject: "S", body: "" },
      { key: "a", type: "email", subject: "S", body: "" },
    ],
    ["sms", { key: "b", type: "sms", body: "Yo {{phone}}" }, { key: "b", type: "sms", body: "Yo {{phone}}" }],
    [
      "wait default businessDaysOnly",
      { key: "c", type: "wait", amount: 3, unit: "days" },
      { key: "c", type: "wait", amount: 3, unit: "days", businessDaysOnly: false },
    ],
    [
      "task default note, extra keys stripped",
      { key: "d", type: "task", title: "Call", extra: 1 },
      { key: "d", type: "task", title: "Call", note: "" },
    ],
  ])("%s", (_name, input, expected) => {
    expect(stepSchema.parse(input)).toEqual(expected);
  });
});

describe("stepSchema rejects invalid steps with a useful message", () => {
  it.each<[string, unknown, string, string]>([
    ["blank subject", { key: "a", type: "email", subject: "   ", body: "" }, "subject", "Subject is required"],
    ["long subject", { key: "a", type: "email", subject: "x".repeat(201), body: "" }, "subject", "at most 200"],
    [
      "malformed field in subject",
      { key: "a", type: "email", subject: "Hi {{first name}}", body: "" },
      "subject",
      'Malformed merge field {{first name}}; write a field name such as {{first_name}} or {{company | "your team"}}',
    ],
    [
      "unquoted fallback in body",
      { key: "a", type: "email", subject: "S", body: "{{ company | your team }}" },
      "body",
      "{{company | your team}}",
    ],
    // 3-byte characters: 34,134 of them is 102,402 bytes but far fewer than 102,400 characters.
    [
      "body over 100 KB in bytes",
      { key: "a", type: "email", subject: "S", body: "€".repeat(34_134) },
      "body",
      "100 KB",
    ],
    ["empty sms", { key: "a", type: "sms", body: "" }, "body", "required"],
    ["long sms", { key: "a", type: "sms", body: "x".repeat(1601) }, "body", "1600"],
    ["sms malformed field", { key: "a", type: "sms", body: "{{1st}}" }, "body", "{{1st}}"],
    ["wait zero", { key: "a", type: "wait", amount: 0, unit: "days" }, "amount", "at least 1"],
    ["wait too long", { key: "a", type: "wait", amount: 366, unit: "days" }, "amount", "at most 365"],
    ["wait fraction", { key: "a", type: "wait", amount: 1.5, unit: "hours" }, "amount", "whole number"],
    ["wait bad unit", { key: "a", type: "wait", amount: 1, unit: "weeks" }, "unit", ""],
    ["task blank title", { key: "a", type: "task", title: "" }, "title", "required"],
    ["task long note", { key: "a", type: "task", title: "t", note: "x".repeat(5001) }, "note", "5000"],
    ["bad key", { key: "a b", type: "task", title: "t" }, "key", "Step key"],
    ["unknown type", { key: "a", type: "fax" }, "type", ""],
  ])("%s", (_name, input, path, message) => {
    const issues = issuesOf(stepSchema.safeParse(input));
    expect(issues).toContainEqual({ path, message: expect.stringContaining(message) });
  });

  it("accepts a body of exactly 100 KB", () => {
    const body = "a".repeat(100 * 1024);
    expect(stepSchema.safeParse({ key: "a", type: "email", subject: "S", body }).success).toBe(true);
    expect(stepSchema.safeParse({ key: "a", type: "email", subject: "S", body: body + "a" }).success).toBe(false);
  });
});

describe("stepsSchema", () => {
  const task = (key: string) => ({ key, type: "task", title: "t" });

  it("names the duplicated key", () => {
    const issues = issuesOf(stepsSchema.safeParse([task("a"), task("b"), task("a")]));
    expect(issues).toEqual([{ path: "2.key", message: 'Duplicate step key "a"' }]);
  });

  it.each([
    [500, true],
    [501, false],
  ])("%i steps valid=%s", (count, valid) => {
    const steps = Array.from({ length: count }, (_, i) => task(`k${i}`));
    expect(stepsSchema.safeParse(steps).success).toBe(valid);
  });
});

describe("versionContentSchema", () => {
  it.each([
    [{ steps: [] }, { exitOnReply: true, exitOnUnsubscribe: true }],
    [
      { steps: [], settings: {} },
      { exitOnReply: true, exitOnUnsubscribe: true },
    ],
    [
      { steps: [], settings: { exitOnReply: false } },
      { exitOnReply: false, exitOnUnsubscribe: true },
    ],
  ])("fills settings defaults for %j", (input, settings) => {
    expect(versionContentSchema.parse(input).settings).toEqual(settings);
  });
});

describe("newStepKey", () => {
  it.each([
    ["abc123", "s_abc123"],
    ["a-b_c", "s_a-b_c"],
    ["a.b/c d", "s_abcd"],
    ["x".repeat(100), `s_${"x".repeat(62)}`],
  ])("%j -> %j", (random, key) => {
    const made = newStepKey(() => random);
    expect(made).toBe(key);
    expect(stepKeySchema.safeParse(made).success).toBe(true);
  });
});

describe("blankStep", () => {
  it.each(STEP_TYPES.map((type) => [type]))("%s has the right type and key", (type) => {
    const step = blankStep(type, "s_1");
    expect(step.type).toBe(type);
    expect(step.key).toBe("s_1");
  });

  it.each([
    ["email", false],
    ["sms", false],
    ["wait", true],
    ["task", false],
  ] as const)("blank %s valid=%s (blank text must be filled in)", (type, valid) => {
    expect(stepSchema.safeParse(blankStep(type, "k")).success).toBe(valid);
  });

  it("wait defaults to 1 day", () => {
    expect(blankStep("wait", "k")).toEqual({
      key: "k",
      type: "wait",
      amount: 1,
      unit: "days",
      businessDaysOnly: false,
    });
  });
});
