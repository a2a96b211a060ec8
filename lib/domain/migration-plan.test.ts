import { describe, expect, it } from "vitest";
import {
  canaryThreshold,
  defaultStepMap,
  migrationSelectionSchema,
  planMove,
  removedKeys,
  stepsRunAgain,
  summarizePlan,
  validateStepMap,
  type MovePlan,
  type StepMap,
} from "./migration-plan";
import type { Step } from "./steps";

const email = (key: string, subject = key): Step => ({ key, type: "email", subject, body: "Hi" });
const wait = (key: string, amount = 1): Step => ({ key, type: "wait", amount, unit: "days", businessDaysOnly: false });
const task = (key: string): Step => ({ key, type: "task", title: key, note: "" });

// A: a w1 b w2 c
const A = [email("a"), wait("w1"), email("b"), wait("w2"), email("c")];
const at = (stepIndex: number) => ({ stepIndex, stepKey: A[stepIndex]?.key ?? null });
const move = (toIndex: number, toKey: string | null): MovePlan => ({ kind: "move", toIndex, toKey });

describe("defaultStepMap / removedKeys", () => {
  it("maps only removed keys, each to 'continue at next'", () => {
    const B = [email("a"), wait("w1"), email("c")];
    expect(removedKeys(A, B)).toEqual(["b", "w2"]);
    expect(defaultStepMap(A, B)).toEqual({ b: { kind: "next" }, w2: { kind: "next" } });
  });
  it("is empty when B keeps every key (added, moved, modified steps need no choice)", () => {
    const B = [email("new"), email("a", "changed"), email("c"), wait("w1", 5), email("b"), wait("w2")];
    expect(defaultStepMap(A, B)).toEqual({});
  });
});

describe("validateStepMap", () => {
  const B = [email("a"), wait("w1"), email("c")];
  it.each<[string, StepMap, string[]]>([
    ["default map is valid", { b: { kind: "next" }, w2: { kind: "next" } }, []],
    ["every choice kind is valid", { b: { kind: "goto", key: "c" }, w2: { kind: "exit" } }, []],
    ["missing choice", { b: { kind: "next" } }, ["w2"]],
    ["goto target not in B", { b: { kind: "goto", key: "b" }, w2: { kind: "next" } }, ["b"]],
    ["key that was not removed", { b: { kind: "next" }, w2: { kind: "next" }, a: { kind: "exit" } }, ["a"]],
  ])("%s", (_name, map, badKeys) => {
    expect(validateStepMap(A, B, map).map((e) => e.key)).toEqual(badKeys);
  });
});

describe("planMove", () => {
  type Case = [name: string, b: Step[], map: StepMap, index: number, expected: MovePlan];
  const cases: Case[] = [
    // unchanged / modified / added: keys map to themselves, at B's index
    ["unchanged version keeps the index", A, {}, 2, move(2, "b")],
    [
      "modified step: same key, lands on the new content",
      [email("a"), wait("w1"), email("b", "New subject"), wait("w2", 7), email("c")],
      {},
      2,
      move(2, "b"),
    ],
    [
      "added step before the position shifts the index",
      [email("a"), email("x"), wait("w1"), email("b"), wait("w2"), email("c")],
      {},
      2,
      move(3, "b"),
    ],
    ["added step after the position leaves the index alone", [...A, email("d")], {}, 4, move(4, "c")],
    // moved
    [
      "moved step: follows its key to the new place",
      [email("a"), email("c"), wait("w1"), email("b"), wait("w2")],
      {},
      4,
      move(1, "c"),
    ],
    [
      "moved step earlier than the contact's next",
      [email("b"), email("a"), wait("w1"), wait("w2"), email("c")],
      {},
      3,
      move(3, "w2"),
    ],
    // removed: each choice
    [
      "removed + next: first later surviving A step",
      [email("a"), wait("w1"), email("c")],
      { b: { kind: "next" }, w2: { kind: "next" } },
      2,
      move(2, "c"),
    ],
    [
      "removed + next skips other removed steps",
      [email("a"), wait("w1"), email("c")],
      { b: { kind: "next" }, w2: { kind: "next" } },
      3,
      move(2, "c"),
    ],
    [
      "removed + next with nothing left: complete",
      [email("a"), wait("w1"), email("b")],
      { w2: { kind: "next" }, c: { kind: "next" } },
      3,
      { kind: "complete" },
    ],
    [
      "removed + next follows the survivor to its B place",
      [email("c"), email("a"), wait("w1")],
      { b: { kind: "next" }, w2: { kind: "next" } },
      2,
      move(0, "c"),
    ],
    [
      "removed + goto a B step",
      [email("a"), wait("w1"), email("n"), email("c")],
      { b: { kind: "goto", key: "n" }, w2: { kind: "next" } },
      2,
      move(2, "n"),
    ],
    [
      "removed + goto an earlier step",
      [email("a"), wait("w1"), email("c")],
      { b: { kind: "goto", key: "a" }, w2: { kind: "next" } },
      2,
      move(0, "a"),
    ],
    [
      "removed + exit",
      [email("a"), wait("w1"), email("c")],
      { b: { kind: "exit" }, w2: { kind: "next" } },
      2,
      { kind: "exit" },
    ],
    [
      "exit choice only affects contacts on that step",
      [email("a"), wait("w1"), email("c")],
      { b: { kind: "exit" }, w2: { kind: "next" } },
      1,
      move(1, "w1"),
    ],
    ["missing choice behaves as next", [email("a"), wait("w1"), email("c")], {}, 2, move(2, "c")],
    // edges
    ["past the end of A: complete", A, {}, 5, { kind: "complete" }],
    [
      "type change keeps the key: lands on the new type",
      [email("a"), task("w1"), email("b"), wait("w2"), email("c")],
      {},
      1,
      move(1, "w1"),
    ],
    [
      "empty B: everything completes",
      [],
      { a: { kind: "next" }, w1: { kind: "next" }, b: { kind: "next" }, w2: { kind: "next" }, c: { kind: "next" } },
      0,
      { kind: "complete" },
    ],
  ];
  it.each(cases)("%s", (_name, B, map, index, expected) => {
    expect(planMove(A, B, map, at(index))).toEqual(expected);
  });

  it("refuses a goto to a key B lacks (validate first)", () => {
    expect(() => planMove(A, [email("a")], { b: { kind: "goto", key: "zzz" } }, at(2))).toThrow(/not in the target/);
  });
});

describe("stepsRunAgain", () => {
  it("flags steps the contact already passed that reappear after its landing", () => {
    const B = [email("a"), email("c"), wait("w1"), email("b"), wait("w2")];
    // contact at c (index 4): a, w1, b, w2 are done; landing on c at 1 meets w1, b, w2 again
    expect(stepsRunAgain(A, B, at(4), move(1, "c"))).toEqual(["w1", "b", "w2"]);
  });
  it("is empty for forward moves and for exit/complete", () => {
    expect(stepsRunAgain(A, A, at(2), move(2, "b"))).toEqual([]);
    expect(stepsRunAgain(A, A, at(2), { kind: "exit" })).toEqual([]);
  });
  it("flags a backwards goto", () => {
    expect(stepsRunAgain(A, [email("a"), wait("w1"), email("c")], at(2), move(0, "a"))).toEqual(["a", "w1"]);
  });
});

describe("summarizePlan", () => {
  const B = [email("a"), wait("w1"), email("n"), email("c")];
  const map: StepMap = { b: { kind: "goto", key: "n" }, w2: { kind: "exit" } };
  const summary = summarizePlan(
    [
      { stepIndex: 2, stepKey: "b", count: 30 },
      { stepIndex: 0, stepKey: "a", count: 10 },
      { stepIndex: 3, stepKey: "w2", count: 5 },
      { stepIndex: 4, stepKey: "c", count: 7 },
      { stepIndex: 5, stepKey: null, count: 2 },
      { stepIndex: 9, stepKey: null, count: 1 },
      { stepIndex: 1, stepKey: "w1", count: 0 },
    ],
    A,
    B,
    map,
  );
  it("has one row per A step, in A order, without empty rows, past-the-end merged", () => {
    expect(summary.rows.map((r) => [r.from.key, r.landing, r.count])).toEqual([
      ["a", move(0, "a"), 10],
      ["b", move(2, "n"), 30],
      ["w2", { kind: "exit" }, 5],
      ["c", move(3, "c"), 7],
      [null, { kind: "complete" }, 3],
    ]);
  });
  it("totals by outcome and marks removed steps", () => {
    expect(summary).toMatchObject({ total: 55, moved: 47, exited: 5, completed: 3, rerunning: 0 });
    expect(summary.rows.filter((r) => r.removed).map((r) => r.from.key)).toEqual(["b", "w2"]);
    expect(summary.rows[1]?.toStep?.key).toBe("n");
  });
});

describe("selection", () => {
  it.each([
    [{ kind: "all" }, true],
    [{ kind: "steps", stepKeys: ["a"] }, true],
    [{ kind: "steps", stepKeys: [] }, false],
    [{ kind: "canary", percent: 10, seed: "abc" }, true],
    [{ kind: "canary", percent: 0, seed: "abc" }, false],
    [{ kind: "canary", percent: 101, seed: "abc" }, false],
    [{ kind: "canary", percent: 10, seed: "a'; drop" }, false],
  ])("%j valid=%s", (input, valid) => {
    expect(migrationSelectionSchema.safeParse(input).success).toBe(valid);
  });
  it("canary threshold splits the 32-bit hash space", () => {
    expect(canaryThreshold(100)).toBe(2 ** 32);
    expect(canaryThreshold(10)).toBe(Math.round(0.1 * 2 ** 32));
    expect(canaryThreshold(0)).toBe(0);
  });
});
