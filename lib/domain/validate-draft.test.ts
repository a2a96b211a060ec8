import { describe, expect, it } from "vitest";
import { EMPTY_DRAFT_MESSAGE, publishDecision, validateDraft, type DraftError } from "./validate-draft";

const email = (key: string, subject = "Hello", body = "Hi {{first_name}}") => ({ key, type: "email", subject, body });
const wait = (key: string, amount = 2) => ({ key, type: "wait", amount, unit: "days" });

describe("validateDraft accepts publishable drafts", () => {
  it.each([
    ["one email", { steps: [email("a")] }],
    ["email, wait, sms", { steps: [email("a"), wait("w"), { key: "s", type: "sms", body: "Hey" }] }],
    ["with settings", { steps: [email("a")], settings: { exitOnReply: false, exitOnUnsubscribe: true } }],
  ])("%s", (_name, content) => {
    const result = validateDraft(content);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.content.steps.length).toBe(content.steps.length);
  });

  it("returns parsed content with defaults and trimming", () => {
    const result = validateDraft({ steps: [email("a", "  Trim me  "), wait("w")] });
    expect(result).toEqual({
      ok: true,
      content: {
        steps: [
          { key: "a", type: "email", subject: "Trim me", body: "Hi {{first_name}}" },
          { key: "w", type: "wait", amount: 2, unit: "days", businessDaysOnly: false },
        ],
        settings: { exitOnReply: true, exitOnUnsubscribe: true },
      },
    });
  });
});

describe("validateDraft maps issues to steps", () => {
  it.each<[string, unknown, DraftError[]]>([
    ["empty draft", { steps: [] }, [{ stepKey: null, stepIndex: null, field: "steps", message: EMPTY_DRAFT_MESSAGE }]],
    [
      "blank subject on second step",
      { steps: [wait("w"), email("e1", "")] },
      [{ stepKey: "e1", stepIndex: 1, field: "subject", message: "Subject is required" }],
    ],
    [
      "malformed merge field (unknown ones are a guardrail, lib/domain/lint)",
      { steps: [email("e1", "Hi", "{{foo bar}}")] },
      [
        {
          stepKey: "e1",
          stepIndex: 0,
          field: "body",
          message:
            'Malformed merge field {{foo bar}}; write a field name such as {{first_name}} or {{company | "your team"}}',
        },
      ],
    ],
    [
      "duplicate key",
      { steps: [email("a"), email("b"), email("a")] },
      [{ stepKey: "a", stepIndex: 2, field: "key", message: 'Duplicate step key "a"' }],
    ],
    [
      "unknown type keeps the key",
      { steps: [{ key: "x", type: "fax" }] },
      [{ stepKey: "x", stepIndex: 0, field: "type", message: "Choose a step type: email, sms, wait or task" }],
    ],
    [
      "step that is not an object",
      { steps: [email("a"), 42] },
      [{ stepKey: null, stepIndex: 1, field: "step", message: expect.stringContaining("object") }],
    ],
    [
      "unreadable key",
      { steps: [{ key: 7, type: "wait", amount: 1, unit: "days" }] },
      [{ stepKey: null, stepIndex: 0, field: "key", message: expect.any(String) }],
    ],
    [
      "settings error is not tied to a step",
      { steps: [email("a")], settings: { exitOnReply: "yes" } },
      [{ stepKey: null, stepIndex: null, field: "settings.exitOnReply", message: expect.any(String) }],
    ],
    ["missing steps", {}, [{ stepKey: null, stepIndex: null, field: "steps", message: expect.any(String) }]],
    [
      "not an object at all",
      "nope",
      [{ stepKey: null, stepIndex: null, field: "content", message: expect.any(String) }],
    ],
  ])("%s", (_name, content, errors) => {
    expect(validateDraft(content)).toEqual({ ok: false, errors });
  });

  it("reports several problems at once, in step order", () => {
    const result = validateDraft({ steps: [email("a", ""), wait("w", 0), { key: "t", type: "task", title: "" }] });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map((e) => [e.stepIndex, e.stepKey, e.field])).toEqual([
        [0, "a", "subject"],
        [1, "w", "amount"],
        [2, "t", "title"],
      ]);
    }
  });
});

describe("publishDecision", () => {
  it.each([
    ["abc", "abc", "unchanged"],
    ["abc", "abd", "publish"],
    ["abc", null, "publish"],
  ] as const)("draft %s vs active %s -> %s", (draftHash, activeHash, decision) => {
    expect(publishDecision({ draftHash, activeHash })).toBe(decision);
  });
});
