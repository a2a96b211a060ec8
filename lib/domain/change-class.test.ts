import { describe, expect, it } from "vitest";
import { classifyChange, contentOnly } from "./change-class";
import type { Step } from "./steps";
import { diffSteps } from "./version-diff";

const email = (key: string, body = "Hi", subject = "S"): Step => ({ key, type: "email", subject, body });
const wait = (key: string, amount = 1, unit: "hours" | "days" = "days"): Step => ({
  key,
  type: "wait",
  amount,
  unit,
  businessDaysOnly: false,
});
const task = (key: string, title = "Call"): Step => ({ key, type: "task", title, note: "" });
const sms = (key: string, body = "Hi STOP"): Step => ({ key, type: "sms", body });

const base = [email("a"), wait("w"), sms("s"), task("t")];

describe("classifyChange", () => {
  it.each<[string, Step[], string, Record<string, string>]>([
    ["identical", base, "none", {}],
    ["email body fixed", [email("a", "Hello"), wait("w"), sms("s"), task("t")], "content", { a: "content" }],
    ["subject fixed", [email("a", "Hi", "New"), wait("w"), sms("s"), task("t")], "content", { a: "content" }],
    [
      "sms text and task title",
      [email("a"), wait("w"), sms("s", "Yo STOP"), task("t", "Ring")],
      "content",
      { s: "content", t: "content" },
    ],
    ["wait longer", [email("a"), wait("w", 3), sms("s"), task("t")], "timing", { w: "timing" }],
    ["wait unit", [email("a"), wait("w", 1, "hours"), sms("s"), task("t")], "timing", { w: "timing" }],
    [
      "content and timing: timing wins",
      [email("a", "x"), wait("w", 2), sms("s"), task("t")],
      "timing",
      { a: "content", w: "timing" },
    ],
    ["step added", [...base, email("b")], "structural", { b: "structural" }],
    ["step removed", [email("a"), wait("w"), task("t")], "structural", { s: "structural" }],
    ["steps reordered", [email("a"), wait("w"), task("t"), sms("s")], "structural", {}],
    ["type changed", [email("a"), wait("w"), email("s"), task("t")], "structural", { s: "structural" }],
  ])("%s", (_name, to, overall, perStep) => {
    const result = classifyChange(diffSteps(base, to));
    expect(result.overall).toBe(overall);
    for (const [key, change] of Object.entries(perStep)) {
      expect(result.steps.find((s) => s.key === key)?.change).toBe(change);
    }
    expect(contentOnly(result)).toBe(overall === "content");
  });

  it("a settings change is structural even with identical steps", () => {
    expect(classifyChange(diffSteps(base, base), { settingsChanged: true }).overall).toBe("structural");
  });
});
