import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Step } from "./steps";
import { diffSteps, fieldChanges, longestIncreasingSubsequence, type DiffSummary } from "./version-diff";

const email = (key: string, subject = `Subject ${key}`, body = "Hello {{first_name}}"): Step => ({
  key,
  type: "email",
  subject,
  body,
});
const sms = (key: string, body = "Hello {{first_name}}"): Step => ({ key, type: "sms", body });
const wait = (key: string, amount: number): Step => ({
  key,
  type: "wait",
  amount,
  unit: "days",
  businessDaysOnly: false,
});

const summary = (s: Partial<DiffSummary>): DiffSummary => ({
  added: 0,
  removed: 0,
  moved: 0,
  modified: 0,
  unchanged: 0,
  ...s,
});
type RowShape = [key: string, status: string, fromIndex: number | null, toIndex: number | null];

describe("longestIncreasingSubsequence", () => {
  it.each<[number[], number]>([
    [[], 0],
    [[0, 1, 2], 3],
    [[2, 1, 0], 1],
    [[1, 0], 1],
    [[3, 0, 1, 2], 3],
    [[0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15], 6],
  ])("%j has LIS length %i", (seq, length) => {
    const members = [...longestIncreasingSubsequence(seq)].sort((a, b) => a - b);
    expect(members.length).toBe(length);
    const values = members.map((p) => seq[p] ?? -1);
    expect(values).toEqual([...values].sort((a, b) => a - b));
  });
});

describe("diffSteps tables", () => {
  const a = email("a");
  const b = email("b");
  const c = email("c");
  const d = email("d");
  const e = email("e");

  it.each<[string, Step[], Step[], DiffSummary, RowShape[]]>([
    ["both empty", [], [], summary({}), []],
    [
      "identical",
      [a, b, c],
      [a, b, c],
      summary({ unchanged: 3 }),
      [
        ["a", "unchanged", 0, 0],
        ["b", "unchanged", 1, 1],
        ["c", "unchanged", 2, 2],
      ],
    ],
    [
      "empty -> some",
      [],
      [a, b],
      summary({ added: 2 }),
      [
        ["a", "added", null, 0],
        ["b", "added", null, 1],
      ],
    ],
    [
      "some -> empty",
      [a, b],
      [],
      summary({ removed: 2 }),
      [
        ["a", "removed", 0, null],
        ["b", "removed", 1, null],
      ],
    ],
    [
      "swap two adjacent: exactly one moved",
      [a, b, c],
      [a, c, b],
      summary({ moved: 1, unchanged: 2 }),
      [
        ["a", "unchanged", 0, 0],
        ["c", "moved", 2, 1],
        ["b", "unchanged", 1, 2],
      ],
    ],
    [
      "delete in the middle does not move the rest",
      [a, b, c, d],
      [a, c, d],
      summary({ removed: 1, unchanged: 3 }),
      [
        ["a", "unchanged", 0, 0],
        ["b", "removed", 1, null],
        ["c", "unchanged", 2, 1],
        ["d", "unchanged", 3, 2],
      ],
    ],
    [
      "insert at top does not move the rest",
      [a, b],
      [e, a, b],
      summary({ added: 1, unchanged: 2 }),
      [
        ["e", "added", null, 0],
        ["a", "unchanged", 0, 1],
        ["b", "unchanged", 1, 2],
      ],
    ],
    [
      "first step removed goes to the top",
      [a, b, c],
      [b, c],
      summary({ removed: 1, unchanged: 2 }),
      [
        ["a", "removed", 0, null],
        ["b", "unchanged", 1, 0],
        ["c", "unchanged", 2, 1],
      ],
    ],
    [
      "move last to first marks only that step",
      [a, b, c, d],
      [d, a, b, c],
      summary({ moved: 1, unchanged: 3 }),
      [
        ["d", "moved", 3, 0],
        ["a", "unchanged", 0, 1],
        ["b", "unchanged", 1, 2],
        ["c", "unchanged", 2, 3],
      ],
    ],
    [
      "removed step follows its moved anchor",
      [a, b, c, d],
      [c, d, a],
      summary({ removed: 1, moved: 1, unchanged: 2 }),
      [
        ["c", "unchanged", 2, 0],
        ["d", "unchanged", 3, 1],
        ["a", "moved", 0, 2],
        ["b", "removed", 1, null],
      ],
    ],
    [
      "same content under a different key is remove + add",
      [email("a", "Same", "Same")],
      [email("b", "Same", "Same")],
      summary({ removed: 1, added: 1 }),
      [
        ["a", "removed", 0, null],
        ["b", "added", null, 0],
      ],
    ],
    [
      "consecutive removals keep from order",
      [a, b, c, d],
      [a, d],
      summary({ removed: 2, unchanged: 2 }),
      [
        ["a", "unchanged", 0, 0],
        ["b", "removed", 1, null],
        ["c", "removed", 2, null],
        ["d", "unchanged", 3, 1],
      ],
    ],
  ])("%s", (_name, from, to, expectedSummary, rows) => {
    const diff = diffSteps(from, to);
    expect(diff.summary).toEqual(expectedSummary);
    expect(diff.rows.map((r): RowShape => [r.key, r.status, r.fromIndex, r.toIndex])).toEqual(rows);
  });
});

describe("diffSteps changes", () => {
  it("move with edit is moved and modified, counted in both", () => {
    const diff = diffSteps([email("a"), email("b"), email("c")], [email("b"), email("c"), email("a", "New subject")]);
    expect(diff.summary).toEqual(summary({ moved: 1, modified: 1, unchanged: 2 }));
    const row = diff.rows[2];
    expect(row).toMatchObject({ key: "a", status: "moved", moved: true, modified: true, fromIndex: 0, toIndex: 2 });
    expect(row?.fields.map((f) => f.field)).toEqual(["subject"]);
  });

  it("delete + move + subject change", () => {
    const from = [email("a"), email("b"), email("c"), email("d", "Hello there"), email("e")];
    const to = [email("e"), email("a"), email("c"), email("d", "Hello friend")];
    const diff = diffSteps(from, to);
    expect(diff.summary).toEqual(summary({ removed: 1, moved: 1, modified: 1, unchanged: 2 }));
    expect(diff.rows.map((r) => [r.key, r.status])).toEqual([
      ["e", "moved"],
      ["a", "unchanged"],
      ["b", "removed"],
      ["c", "unchanged"],
      ["d", "modified"],
    ]);
    const change = diff.rows[4]?.fields[0];
    expect(change).toMatchObject({ field: "subject", before: "Hello there", after: "Hello friend" });
    expect(change?.parts).toContainEqual({ value: "friend", added: true, removed: false });
    expect(change?.parts).toContainEqual({ value: "there", added: false, removed: true });
  });

  it.each<[string, Step, Step, [string, string, string][]]>([
    [
      "email -> sms lists type and both shapes",
      email("x", "Hi", "Body"),
      sms("x", "Body"),
      [
        ["type", "email", "sms"],
        ["subject", "Hi", ""],
      ],
    ],
    [
      "sms -> email",
      sms("x", "One"),
      email("x", "Subj", "Two"),
      [
        ["type", "sms", "email"],
        ["body", "One", "Two"],
        ["subject", "", "Subj"],
      ],
    ],
    ["number stringified", wait("w", 2), wait("w", 3), [["amount", "2", "3"]]],
    [
      "boolean stringified",
      wait("w", 2),
      { key: "w", type: "wait", amount: 2, unit: "days", businessDaysOnly: true },
      [["businessDaysOnly", "false", "true"]],
    ],
    ["no change", email("x"), email("x"), []],
  ])("fieldChanges: %s", (_name, before, after, expected) => {
    expect(fieldChanges(before, after).map((f) => [f.field, f.before, f.after])).toEqual(expected);
  });

  it("type change shows as a modified row", () => {
    const diff = diffSteps([email("x", "Hi", "Body")], [sms("x", "Body")]);
    expect(diff.summary).toEqual(summary({ modified: 1 }));
    expect(diff.rows[0]?.fields.map((f) => f.field)).toEqual(["type", "subject"]);
  });

  it("reports days so a longer wait shows Day 2 -> Day 3", () => {
    const diff = diffSteps([email("a"), wait("w", 2), email("b")], [email("a"), wait("w", 3), email("b")]);
    expect(diff.rows.map((r) => [r.key, r.status, r.fromDay, r.toDay])).toEqual([
      ["a", "unchanged", 0, 0],
      ["w", "modified", 0, 0],
      ["b", "unchanged", 2, 3],
    ]);
  });
});

describe("diffSteps at scale", () => {
  it("1,000 steps with 10% moved, 10% modified, 5% removed and 5% added", () => {
    const from = Array.from({ length: 1000 }, (_, i) => email(`k${i}`));
    const moved = new Set(from.filter((_, i) => i % 10 === 0).map((s) => s.key));
    const modified = new Set(from.filter((_, i) => i % 10 === 3).map((s) => s.key));
    const removed = new Set(from.filter((_, i) => i % 20 === 7).map((s) => s.key));
    const kept = from
      .filter((s) => !moved.has(s.key) && !removed.has(s.key))
      .map((s) => (modified.has(s.key) ? email(s.key, `Subject ${s.key} edited`) : s));
    // Interleave new steps, then append the moved ones reversed so none keeps its relative order.
    const to: Step[] = [];
    let inserted = 0;
    kept.forEach((s, i) => {
      to.push(s);
      if (i % 17 === 0 && inserted < 50) {
        to.push(email(`new${i}`));
        inserted += 1;
      }
    });
    to.push(...from.filter((s) => moved.has(s.key)).reverse());

    const started = performance.now();
    const diff = diffSteps(from, to);
    const elapsed = performance.now() - started;

    expect(diff.summary).toEqual({ added: 50, removed: 50, moved: 100, modified: 100, unchanged: 750 });
    expect(diff.rows.length).toBe(1050);
    expect(diff.rows.filter((r) => r.moved).every((r) => moved.has(r.key))).toBe(true);
    expect(diff.rows.filter((r) => r.modified).every((r) => modified.has(r.key))).toBe(true);
    expect(elapsed).toBeLessThan(500); // loose sanity bound, not a benchmark
  });
});

describe("diffSteps properties", () => {
  const keysArb = fc
    .uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 30 })
    .map((ns) => ns.map((n) => email(`k${n}`)));

  it("rows rebuild both versions and counts add up", () => {
    fc.assert(
      fc.property(keysArb, keysArb, (from, to) => {
        const diff = diffSteps(from, to);
        expect(diff.rows.filter((r) => r.toStep !== null).map((r) => r.key)).toEqual(to.map((s) => s.key));
        const fromOrder = diff.rows
          .filter((r) => r.fromIndex !== null)
          .sort((x, y) => (x.fromIndex ?? 0) - (y.fromIndex ?? 0));
        expect(fromOrder.map((r) => r.key)).toEqual(from.map((s) => s.key));
        const s = diff.summary;
        expect(
          s.added + s.moved + s.unchanged + (s.modified - diff.rows.filter((r) => r.moved && r.modified).length),
        ).toBe(to.length);
      }),
    );
  });

  it("moving one step marks exactly that step", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 40 }), fc.nat(), fc.nat(), (n, i, j) => {
        const from = Array.from({ length: n }, (_, k) => email(`k${k}`));
        const src = i % n;
        const dst = j % n;
        fc.pre(src !== dst);
        const to = [...from];
        const [step] = to.splice(src, 1);
        if (!step) throw new Error("unreachable");
        to.splice(dst, 0, step);
        const diff = diffSteps(from, to);
        expect(diff.summary.moved).toBe(1);
        expect(diff.summary.unchanged).toBe(n - 1);
        // An adjacent swap is ambiguous (either step could be "the" moved one); otherwise it is exact.
        if (Math.abs(src - dst) > 1) expect(diff.rows.find((r) => r.moved)?.key).toBe(step.key);
      }),
    );
  });
});
