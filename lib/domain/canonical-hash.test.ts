import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, contentHash } from "./canonical-hash";
import { versionContentSchema, type VersionContent } from "./steps";

describe("canonicalJson", () => {
  it.each<[string, unknown, string]>([
    ["sorted keys", { b: 1, a: 2 }, '{"a":2,"b":1}'],
    ["nested sort, arrays keep order", { z: [{ y: 1, x: 2 }, 3], a: null }, '{"a":null,"z":[{"x":2,"y":1},3]}'],
    ["undefined property dropped", { a: undefined, b: 1 }, '{"b":1}'],
    ["undefined in array becomes null", [undefined, 1], "[null,1]"],
    ["strings escaped like JSON", { 'k"': "a\nb" }, '{"k\\"":"a\\nb"}'],
    ["non-finite numbers as null", [NaN, Infinity], "[null,null]"],
    ["dates via toJSON", { at: new Date("2024-01-02T03:04:05.000Z") }, '{"at":"2024-01-02T03:04:05.000Z"}'],
    ["primitives", "x", '"x"'],
    ["empty containers", { a: {}, b: [] }, '{"a":{},"b":[]}'],
  ])("%s", (_name, value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it.each<[string, unknown]>([
    ["top-level undefined", undefined],
    ["bigint", { a: 1n }],
  ])("throws on %s", (_name, value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });

  it("throws on cycles but allows shared references", () => {
    const shared = { a: 1 };
    expect(canonicalJson({ x: shared, y: shared })).toBe('{"x":{"a":1},"y":{"a":1}}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/circular/);
  });

  it("matches JSON.stringify for arbitrary JSON once keys are sorted", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});

const base: VersionContent = versionContentSchema.parse({
  steps: [
    { key: "a", type: "email", subject: "Hello {{first_name}}", body: "Welcome aboard" },
    { key: "w", type: "wait", amount: 2, unit: "days" },
    { key: "s", type: "sms", body: "Ping" },
    { key: "t", type: "task", title: "Call them", note: "" },
  ],
});

describe("contentHash", () => {
  it("is lowercase hex sha256 of the canonical content", () => {
    const empty = versionContentSchema.parse({ steps: [] });
    expect(contentHash(empty)).toBe("8a343366caa6a7cbdba6cacfc7a5addb64fd5a3b2aa7052c760a212cb1f0b6a8");
  });

  it("ignores key order and whitespace of stored JSON", () => {
    const reordered = JSON.parse(`{
      "settings": { "exitOnUnsubscribe": true, "exitOnReply": true },
      "steps": [
        { "body": "Welcome aboard", "subject": "Hello {{first_name}}", "type": "email", "key": "a" },
        { "unit": "days", "businessDaysOnly": false, "amount": 2, "type": "wait", "key": "w" },
        { "type": "sms", "key": "s", "body": "Ping" },
        { "note": "", "title": "Call them", "key": "t", "type": "task" }
      ]
    }`) as VersionContent;
    expect(contentHash(reordered)).toBe(contentHash(base));
  });

  it("hashes parsed content, so defaults and trimming do not matter", () => {
    const raw = {
      steps: [
        { key: "a", type: "email", subject: "  Hello {{first_name}}  ", body: "Welcome aboard" },
        { key: "w", type: "wait", amount: 2, unit: "days" },
        { key: "s", type: "sms", body: "Ping" },
        { key: "t", type: "task", title: "Call them" },
      ],
    } as unknown as VersionContent;
    expect(contentHash(raw)).toBe(contentHash(base));
  });

  const steps = base.steps;
  const [s0, s1, s2, s3] = steps;
  if (!s0 || !s1 || !s2 || !s3) throw new Error("fixture");

  it.each<[string, VersionContent]>([
    ["one char of a body", { ...base, steps: [{ ...s0, body: "Welcome aboarD" } as typeof s0, s1, s2, s3] }],
    ["step order", { ...base, steps: [s1, s0, s2, s3] }],
    ["a setting", { ...base, settings: { ...base.settings, exitOnReply: false } }],
    ["a wait flag", { ...base, steps: [s0, { ...s1, businessDaysOnly: true } as typeof s1, s2, s3] }],
    ["a step key", { ...base, steps: [s0, s1, { ...s2, key: "s2" }, s3] }],
    ["a removed step", { ...base, steps: [s0, s1, s2] }],
  ])("changes when %s changes", (_name, changed) => {
    expect(contentHash(changed)).not.toBe(contentHash(base));
  });
});

// Rebuilds every object with its keys inserted in a random order, as a database or another
// client might return them.
function shuffleKeys(value: unknown, rand: () => number): unknown {
  if (Array.isArray(value)) return value.map((v) => shuffleKeys(v, rand));
  if (typeof value !== "object" || value === null) return value;
  const entries = Object.entries(value);
  for (let i = entries.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const a = entries[i];
    const b = entries[j];
    if (a && b) {
      entries[i] = b;
      entries[j] = a;
    }
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, shuffleKeys(v, rand)]));
}

// Merge-field braces are excluded so generated text is always valid content.
const text = (min: number, max: number) =>
  fc.string({ minLength: min, maxLength: max }).filter((s) => !s.includes("{") && s.trim().length >= min);

const stepArb = fc.oneof(
  fc.record({ type: fc.constant("email"), subject: text(1, 20), body: text(0, 40) }),
  fc.record({ type: fc.constant("sms"), body: text(1, 40) }),
  fc.record({
    type: fc.constant("wait"),
    amount: fc.integer({ min: 1, max: 365 }),
    unit: fc.constantFrom("minutes", "hours", "days"),
    businessDaysOnly: fc.boolean(),
  }),
  fc.record({ type: fc.constant("task"), title: text(1, 20), note: text(0, 30) }),
);

const contentArb = fc.record({
  steps: fc.array(stepArb, { maxLength: 12 }).map((steps) => steps.map((s, i) => ({ key: `k${i}`, ...s }))),
  settings: fc.record({ exitOnReply: fc.boolean(), exitOnUnsubscribe: fc.boolean() }),
});

// mulberry32: a tiny seeded PRNG so fast-check can shrink and replay a failing shuffle.
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("contentHash property", () => {
  it("is invariant under random key-order shuffles", () => {
    fc.assert(
      fc.property(contentArb, fc.integer(), (raw, seed) => {
        const content = versionContentSchema.parse(raw);
        const shuffled = shuffleKeys(content, seeded(seed)) as VersionContent;
        expect(contentHash(shuffled)).toBe(contentHash(content));
      }),
      { numRuns: 200 },
    );
  });

  // contentHash re-parses (which already rebuilds keys in schema order), so also check the sort
  // itself on arbitrary JSON where nothing else normalizes the order.
  it("canonicalJson is invariant under random key-order shuffles", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer(), (value, seed) => {
        expect(canonicalJson(shuffleKeys(value, seeded(seed)))).toBe(canonicalJson(value));
      }),
      { numRuns: 300 },
    );
  });

  it("differs between distinct contents", () => {
    fc.assert(
      fc.property(contentArb, contentArb, (a, b) => {
        const ca = versionContentSchema.parse(a);
        const cb = versionContentSchema.parse(b);
        fc.pre(canonicalJson(ca) !== canonicalJson(cb));
        expect(contentHash(ca)).not.toBe(contentHash(cb));
      }),
      { numRuns: 100 },
    );
  });
});
