import { describe, expect, it } from "vitest";
import type { DraftContent, DraftStep } from "./draft";
import {
  changeStepType,
  duplicateStep,
  emptyHistory,
  insertStep,
  moveStep,
  recordEdit,
  redo,
  removeStep,
  undo,
} from "./draft-edits";
import { checkLimit, limitState, payloadBytes } from "./input-limits";
import type { Step } from "./steps";
import { diffSteps } from "./version-diff";

const settings = { exitOnReply: true, exitOnUnsubscribe: true };
const email = (key: string): DraftStep => ({ key, type: "email", subject: "Hi {{first_name}}", body: "Body" });
const sms = (key: string): DraftStep => ({ key, type: "sms", body: "Text {{first_name}}" });
const wait = (key: string): DraftStep => ({ key, type: "wait", amount: 2, unit: "days", businessDaysOnly: false });
const draftOf = (...steps: DraftStep[]): DraftContent => ({ steps, settings });
const keys = (d: DraftContent) => d.steps.map((s) => s.key);

describe("changeStepType", () => {
  it("SMS -> email keeps the key and the body", () => {
    const { step, dropped } = changeStepType(sms("a"), "email");
    expect(step).toEqual({ key: "a", type: "email", subject: "", body: "Text {{first_name}}" });
    expect(dropped).toEqual([]);
  });
  it("email -> SMS keeps the body and reports the subject dropped", () => {
    const { step, dropped } = changeStepType(email("a"), "sms");
    expect(step).toEqual({ key: "a", type: "sms", body: "Body" });
    expect(dropped).toEqual(["subject"]);
  });
  it("email -> task maps subject to title and body to note; wait -> anything drops the wait", () => {
    expect(changeStepType(email("a"), "task").step).toEqual({
      key: "a",
      type: "task",
      title: "Hi {{first_name}}",
      note: "Body",
    });
    expect(changeStepType(wait("w"), "sms")).toEqual({
      step: { key: "w", type: "sms", body: "" },
      dropped: ["wait time"],
    });
    expect(changeStepType(email("a"), "wait").dropped).toEqual(["subject", "body"]);
  });
  it("same type is a no-op", () => {
    const s = email("a");
    expect(changeStepType(s, "email").step).toBe(s);
  });
  it("the diff of a type change is one modified row with the type field first", () => {
    const before = draftOf(email("e"), sms("s"));
    const after = { ...before, steps: before.steps.map((s) => (s.key === "s" ? changeStepType(s, "email").step : s)) };
    const diff = diffSteps(before.steps as Step[], after.steps as Step[]);
    expect(diff.summary).toEqual({ added: 0, removed: 0, moved: 0, modified: 1, unchanged: 1 });
    const row = diff.rows.find((r) => r.key === "s")!;
    expect(row.status).toBe("modified");
    expect(row.fields[0]).toMatchObject({ field: "type", before: "sms", after: "email" });
  });
});

describe("insert, duplicate, remove, move", () => {
  it("inserts between two steps and at both ends", () => {
    const d = draftOf(email("a"), email("b"));
    expect(keys(insertStep(d, 1, sms("x")))).toEqual(["a", "x", "b"]);
    expect(keys(insertStep(d, 0, sms("x")))).toEqual(["x", "a", "b"]);
    expect(keys(insertStep(d, 99, sms("x")))).toEqual(["a", "b", "x"]);
  });
  it("duplicates right after the source with a new key and the same fields", () => {
    const d = duplicateStep(draftOf(email("a"), wait("b")), 0, "c");
    expect(keys(d)).toEqual(["a", "c", "b"]);
    expect(d.steps[1]).toEqual({ ...email("a"), key: "c" });
    // A key already present is refused rather than creating a duplicate key.
    expect(keys(duplicateStep(d, 0, "b"))).toEqual(["a", "c", "b"]);
  });
  it("removes and moves, ignoring out-of-range indices", () => {
    const d = draftOf(email("a"), email("b"), email("c"));
    expect(keys(removeStep(d, 1))).toEqual(["a", "c"]);
    expect(removeStep(d, 5)).toBe(d);
    expect(keys(moveStep(d, 0, 2))).toEqual(["b", "c", "a"]);
    expect(keys(moveStep(d, 2, 1))).toEqual(["a", "c", "b"]);
    expect(moveStep(d, 0, -1)).toBe(d);
  });
});

describe("undo stack", () => {
  it("undoes and redoes structural edits in order, and a new edit clears redo", () => {
    const d0 = draftOf(email("a"));
    const d1 = insertStep(d0, 1, sms("b"));
    const d2 = removeStep(d1, 0);
    let h = recordEdit(emptyHistory(), d0, null, 1);
    h = recordEdit(h, d1, null, 2);
    const u1 = undo(h, d2)!;
    expect(u1.draft).toBe(d1);
    const u2 = undo(u1.history, u1.draft)!;
    expect(u2.draft).toBe(d0);
    expect(undo(u2.history, u2.draft)).toBeNull();
    const r1 = redo(u2.history, u2.draft)!;
    expect(r1.draft).toBe(d1);
    const after = recordEdit(r1.history, r1.draft, null, 10);
    expect(redo(after, d2)).toBeNull();
  });
  it("coalesces typing in one field within a second into one entry", () => {
    const d0 = draftOf(email("a"));
    let h = recordEdit(emptyHistory(), d0, "a:subject", 1000);
    h = recordEdit(h, d0, "a:subject", 1500);
    h = recordEdit(h, d0, "a:subject", 1900);
    expect(h.past).toHaveLength(1);
    h = recordEdit(h, d0, "a:body", 2000);
    expect(h.past).toHaveLength(2);
    h = recordEdit(h, d0, "a:body", 3500);
    expect(h.past).toHaveLength(3);
  });
});

describe("input limits", () => {
  it("shows the counter from 80% and refuses past the limit without truncating", () => {
    expect(limitState("x".repeat(159), 200).showCounter).toBe(false);
    expect(limitState("x".repeat(160), 200)).toMatchObject({ showCounter: true, atLimit: false });
    expect(limitState("x".repeat(200), 200).atLimit).toBe(true);
    expect(checkLimit("x".repeat(200), 200, "Subject")).toEqual({ ok: true });
    const refused = checkLimit("x".repeat(1_048_576), 200, "Subject");
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.message).toContain("limited to 200 characters");
    expect(!refused.ok && refused.message).toContain("1,048,576");
  });
  it("measures a payload in UTF-8 bytes", () => {
    expect(payloadBytes({ a: "é" })).toBe(10);
  });
});

describe("form limits agree with the schemas", () => {
  it("the contact form's limits are CONTACT_LIMITS", async () => {
    const { CONTACT_LIMITS } = await import("./contact-input");
    const { CONTACT_FORM_LIMITS } = await import("@/components/contacts/contact-form-dialog");
    expect(CONTACT_FORM_LIMITS).toEqual({
      email: CONTACT_LIMITS.email,
      firstName: CONTACT_LIMITS.firstName,
      lastName: CONTACT_LIMITS.lastName,
      phone: CONTACT_LIMITS.phone,
    });
  }, 60_000); // the first import of a component module (React, the actions) took 5-7 s at load 15
});
