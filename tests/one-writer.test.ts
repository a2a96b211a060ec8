// The one-writer rule (ARCHITECTURE.md, "Enrollment store"): enrollments, their timeline events,
// messages and tasks are written only by lib/store, so every status change goes through the state
// machine and a new column or event type is added in one place. This scan keeps it so.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const SCANNED = ["lib", "app", "components", "scripts", "e2e", "prisma"];
const SKIP_DIRS = new Set(["generated", "node_modules"]);
const STORE = path.join("lib", "store");

// Only measurements and bulk generators that must stay raw, each with its reason.
const ALLOWED: Record<string, string> = {
  // The runner benchmark's raw SQL loop is the baseline the runner is compared to; it also parks and
  // releases its batches (next_run_at) so only the batch being timed is due.
  "scripts/bench/runner-bench.ts": "raw baseline of the runner benchmark",
  // The enroll benchmark's raw INSERT ... SELECT is the baseline the enroll service is compared to.
  "scripts/bench/enroll-bench.ts": "raw baseline of the enroll benchmark",
  // Writes millions of historic rows for the page benchmarks; the services would take hours.
  "scripts/seed-large.ts": "large seed generator",
  // Fills synthetic outcome counters for the measured sequence of the large seed (which writes raw
  // rows, so the store never counted them) before timing the analytics pages.
  "scripts/bench/analytics-bench.ts": "synthetic outcome counters of the analytics benchmark",
};

const WRITES = [
  /INSERT\s+INTO\s+"?(enrollments|enrollment_events|messages|tasks|outcome_counts|message_links|message_attempts)"?\s*\(/i,
  /UPDATE\s+"?(enrollments|messages|tasks|outcome_counts|message_links|message_attempts)"?\s+(\w+\s+)?SET\b/i,
  /DELETE\s+FROM\s+"?(enrollments|enrollment_events|messages|tasks|outcome_counts|message_links|message_attempts)"?\b/i,
  /\.(enrollment|enrollmentEvent|message|task|outcomeCount|messageLink)\.(create|createMany|createManyAndReturn|update|updateMany|updateManyAndReturn|upsert|delete|deleteMany)\s*\(/,
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory())
      return SKIP_DIRS.has(entry) || path.relative(ROOT, full) === STORE ? [] : sourceFiles(full);
    return /\.(ts|tsx|mjs)$/.test(entry) && !entry.endsWith(".test.ts") ? [full] : [];
  });
}

const offends = (text: string) => WRITES.some((pattern) => pattern.test(text));

describe("only lib/store writes enrollments, timeline events, messages and tasks", () => {
  const files = SCANNED.flatMap((dir) => sourceFiles(path.join(ROOT, dir))).map((f) => path.relative(ROOT, f));

  it("scans the code and the store", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.some((f) => f.startsWith(STORE))).toBe(false);
    const store = readdirSync(path.join(ROOT, STORE)).map((f) => path.join(ROOT, STORE, f));
    expect(store.filter((f) => offends(readFileSync(f, "utf8"))).length).toBeGreaterThan(3);
  });

  it("finds no writer outside lib/store but the allowed raw baselines", () => {
    const offenders = files.filter((f) => !(f in ALLOWED) && offends(readFileSync(path.join(ROOT, f), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("every allowed file still needs its exception", () => {
    for (const file of Object.keys(ALLOWED))
      expect(offends(readFileSync(path.join(ROOT, file), "utf8")), file).toBe(true);
  });

  it("would catch an offender", () => {
    expect(offends("INSERT INTO enrollment_events (enrollment_id) VALUES ($1)")).toBe(true);
    expect(offends("UPDATE enrollments e SET status = 'failed'")).toBe(true);
    expect(offends("await tx.enrollmentEvent.create({ data })")).toBe(true);
    expect(offends("await db().task.update({ where })")).toBe(true);
    expect(offends("await db().enrollment.updateMany({ where })")).toBe(true);
    expect(offends("createdAt: message.createdAt")).toBe(false);
    expect(offends("db().message.findMany({})")).toBe(false);
  });
});
