// The dashboard's figures on the demo history (prisma/seed-demo-sequence.ts: services and the
// runner with an injected clock): each equals a direct SQL count over the raw rows at the same
// instant, and the chart series equal the outcome counter rows they sum. The counters are written
// by the store once the tracking work lands; until then this file adds counter rows itself as the
// owner (tests only), and the comparisons hold either way.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IN_FLIGHT_STATUSES } from "@/lib/domain/enrollment-status";
import { db } from "@/lib/server/db";
import { countDueMessages } from "@/lib/server/dashboard/count-due-messages";
import { countOpenTasks } from "@/lib/server/dashboard/count-open-tasks";
import { countRecentFailures } from "@/lib/server/dashboard/count-recent-failures";
import { listActiveSequences } from "@/lib/server/dashboard/list-active-sequences";
import { listOutcomeSeries } from "@/lib/server/dashboard/list-outcome-series";
import { listRecentChanges } from "@/lib/server/dashboard/list-recent-changes";
import { listVersionFunnels } from "@/lib/server/dashboard/list-version-funnels";
import { seedDemoSequence } from "@/prisma/seed-demo-sequence";
import { makeUser } from "./support/factories";
import { DAY, HOUR, testPool } from "./support/runner-fixtures";

const pool = testPool();
afterAll(() => pool.end());

// A fixed "now" far from other files' clocks, so their rows never fall in this file's windows by accident.
const NOW = new Date("2031-06-20T10:00:00.000Z");
const n = async (sql: string, params: unknown[] = []) =>
  Number((await pool.query<{ n: string }>(sql, params)).rows[0]!.n);

describe("the dashboard on the demo history", () => {
  let welcomeId = "";
  let trialId = "";
  let editorName = "";

  beforeAll(async () => {
    const editor = await makeUser("editor");
    editorName = editor.name;
    const tag = randomUUID().slice(0, 8);
    const people = Array.from({ length: 460 }, (_, i) => ({
      email: `dash-${tag}-${i}@test.example`,
      firstName: `First${i}`,
    }));
    const bouncing = [0, 1, 2].map((i) => ({ email: `dash-${tag}-${i}@gone.example.invalid`, firstName: "Gone" }));
    await db().contact.createMany({ data: [...people, ...bouncing] });
    const rows = await db().contact.findMany({
      where: { email: { startsWith: `dash-${tag}-` } },
      select: { id: true, email: true },
      orderBy: { email: "asc" },
    });
    await seedDemoSequence({
      actorId: editor.id,
      contactIds: rows.filter((r) => !r.email.endsWith(".invalid")).map((r) => r.id),
      failingContactIds: rows.filter((r) => r.email.endsWith(".invalid")).map((r) => r.id),
      now: NOW,
      connectionString: process.env.DATABASE_URL,
    });
    const seqs = await db().sequence.findMany({
      where: { createdById: editor.id },
      select: { id: true, name: true },
    });
    welcomeId = seqs.find((s) => s.name === "Welcome series")!.id;
    trialId = seqs.find((s) => s.name === "Trial follow-up")!.id;
  }, 240_000);

  it("lists active sequences with in-flight contacts per version equal to a direct count", async () => {
    const { rows: active, ageMs } = await listActiveSequences({ limit: 500 });
    expect(ageMs).toBe(0);
    const welcome = active.find((s) => s.id === welcomeId)!;
    const trial = active.find((s) => s.id === trialId)!;
    expect(welcome).toMatchObject({ name: "Welcome series", activeVersionNumber: 2 });
    expect(trial).toMatchObject({ name: "Trial follow-up", activeVersionNumber: 1 });
    for (const s of [welcome, trial]) {
      const { rows } = await pool.query<{ number: number; n: string }>(
        `SELECT v.number, count(*) AS n FROM enrollments e JOIN sequence_versions v ON v.id = e.sequence_version_id
         WHERE e.sequence_id = $1 AND e.status::text = ANY($2) GROUP BY v.number ORDER BY v.number DESC`,
        [s.id, [...IN_FLIGHT_STATUSES]],
      );
      expect(s.byVersion.map((v) => [v.number, v.inFlight])).toEqual(rows.map((r) => [r.number, Number(r.n)]));
      expect(s.inFlight).toBe(rows.reduce((sum, r) => sum + Number(r.n), 0));
    }
    // The story: contacts still on v1 (pinned) and on v2 after the publish and the canary migration.
    expect(welcome.byVersion.map((v) => v.number)).toEqual([2, 1]);
    expect(welcome.byVersion.every((v) => v.inFlight > 0)).toBe(true);
  });

  it("counts messages due in the next 24 hours like a row-by-row count", async () => {
    for (const now of [NOW, new Date(NOW.getTime() + 2 * DAY)]) {
      const due = await countDueMessages({ now });
      const direct = async (channel: string) =>
        n(
          `SELECT count(*) AS n FROM enrollments e JOIN sequence_versions v ON v.id = e.sequence_version_id
           WHERE e.status = 'active' AND e.next_run_at < $1
             AND v.content -> 'steps' -> e.current_step_index ->> 'type' = $2`,
          [new Date(now.getTime() + DAY), channel],
        );
      expect(due.email).toBe(await direct("email"));
      expect(due.sms).toBe(await direct("sms"));
      expect(due.total).toBe(due.email + due.sms);
    }
    // Two days on, the v1 contacts' offer email and v2's nothing-left-to-send are in the window.
    expect((await countDueMessages({ now: new Date(NOW.getTime() + 2 * DAY) })).email).toBeGreaterThan(0);
    // The dashboard's reusing read counts the same on its first call (nothing reused yet).
    const live = await countDueMessages({ now: NOW });
    const reused = await countDueMessages({ now: NOW, reuse: true });
    expect({ ...reused, ageMs: 0 }).toEqual(live);
  });

  it("counts open and overdue tasks and the last day's failures like direct counts", async () => {
    const tasks = await countOpenTasks({ now: NOW });
    expect(tasks.open).toBe(await n(`SELECT count(*) AS n FROM tasks WHERE completed_at IS NULL`));
    expect(tasks.overdue).toBe(
      await n(`SELECT count(*) AS n FROM tasks WHERE completed_at IS NULL AND due_at < $1`, [NOW]),
    );
    const mine = await n(
      `SELECT count(*) AS n FROM tasks t JOIN enrollments e ON e.id = t.enrollment_id WHERE e.sequence_id = $1 AND t.completed_at IS NULL`,
      [trialId],
    );
    expect(mine).toBeGreaterThan(0);

    const failures = await countRecentFailures({ now: NOW });
    const since = new Date(NOW.getTime() - DAY);
    expect(failures.messages).toBe(
      await n(`SELECT count(*) AS n FROM messages WHERE status = 'failed' AND created_at >= $1`, [since]),
    );
    expect(failures.enrollments).toBe(
      await n(`SELECT count(*) AS n FROM enrollments WHERE status = 'failed' AND finished_at >= $1`, [since]),
    );
    // The story's three bounced addresses: their enrollments failed on the last day.
    expect(
      await n(
        `SELECT count(*) AS n FROM enrollments WHERE sequence_id = $1 AND status = 'failed' AND finished_at >= $2`,
        [welcomeId, since],
      ),
    ).toBe(3);
    const later = await countRecentFailures({ now: new Date(NOW.getTime() + 2 * DAY) });
    expect(later.enrollments).toBe(
      await n(`SELECT count(*) AS n FROM enrollments WHERE status = 'failed' AND finished_at >= $1`, [
        new Date(NOW.getTime() + DAY),
      ]),
    );
  });

  it("lists recent publishes and the migration with their authors, newest first", async () => {
    const changes = (await listRecentChanges({ limit: 50 })).filter(
      (c) => c.sequenceId === welcomeId || c.sequenceId === trialId,
    );
    expect(
      changes.map((c) =>
        c.kind === "publish" ? `${c.sequenceName} v${c.versionNumber}` : `migration v${c.fromNumber}->v${c.toNumber}`,
      ),
    ).toEqual(["migration v1->v2", "Welcome series v2", "Trial follow-up v1", "Welcome series v1"]);
    expect(changes.every((c) => c.author === editorName)).toBe(true);
    const publishedV1 = changes.find(
      (c) => c.kind === "publish" && c.versionNumber === 1 && c.sequenceId === welcomeId,
    )!;
    expect(publishedV1.at.toISOString()).toBe(new Date(NOW.getTime() - 29 * DAY).toISOString());
    const migration = changes.find((c) => c.kind === "migration");
    expect(migration).toMatchObject({ status: "applied" });
  });

  it("sums the outcome counters per day and version for the charts, one marker per publish", async () => {
    const versions = await db().sequenceVersion.findMany({
      where: { sequenceId: welcomeId },
      orderBy: { number: "asc" },
      select: { id: true, number: true },
    });
    // Counter rows as the store writes them (added to whatever the store already wrote).
    const owner = new pg.Client({ connectionString: process.env.OWNER_DATABASE_URL });
    await owner.connect();
    const add = (version: string, step: string, daysAgo: number, metric: string, count: number) =>
      owner.query(
        `INSERT INTO outcome_counts (sequence_id, sequence_version_id, step_key, day, metric, count)
         VALUES ($1, $2, $3, ($4::timestamptz AT TIME ZONE 'UTC')::date, $5, $6)
         ON CONFLICT (sequence_version_id, step_key, metric, day) DO UPDATE SET count = outcome_counts.count + EXCLUDED.count`,
        [welcomeId, version, step, new Date(NOW.getTime() - daysAgo * DAY), metric, count],
      );
    try {
      const [v1, v2] = versions;
      await add(v1!.id, "welcome", 20, "sent", 7);
      await add(v1!.id, "tips", 20, "sent", 5);
      await add(v1!.id, "welcome", 19, "replied", 1);
      await add(v2!.id, "welcome", 1, "sent", 50);
      await add(v2!.id, "welcome", 1, "replied", 9);
      await add(v2!.id, "welcome", 1, "opened", 30); // not a charted metric
      await add(v1!.id, "welcome", 45, "sent", 99); // outside the 30-day window
      await add(v1!.id, "", 20, "enrolled", 7);
      await add(v2!.id, "", 1, "enrolled", 50);
    } finally {
      await owner.end();
    }
    const series = await listOutcomeSeries({ sequenceId: welcomeId, now: NOW });
    expect(series.to).toBe("2031-06-20");
    expect(series.from).toBe("2031-05-22");
    const { rows } = await pool.query<{ number: number; day: string; sent: string; replied: string }>(
      `SELECT v.number, to_char(c.day, 'YYYY-MM-DD') AS day,
              sum(c.count) FILTER (WHERE c.metric = 'sent') AS sent, sum(c.count) FILTER (WHERE c.metric = 'replied') AS replied
       FROM outcome_counts c JOIN sequence_versions v ON v.id = c.sequence_version_id
       WHERE c.sequence_id = $1 AND c.metric IN ('sent', 'replied') AND c.day BETWEEN $2::date AND $3::date
       GROUP BY v.number, c.day ORDER BY v.number, c.day`,
      [welcomeId, series.from, series.to],
    );
    expect(series.points.map((p) => [p.versionNumber, p.day, p.sent, p.replied])).toEqual(
      rows.map((r) => [r.number, r.day, Number(r.sent ?? 0), Number(r.replied ?? 0)]),
    );
    const onDay = (v: number, daysAgo: number) =>
      series.points.find(
        (p) => p.versionNumber === v && p.day === new Date(NOW.getTime() - daysAgo * DAY).toISOString().slice(0, 10),
      );
    expect(onDay(1, 20)!.sent).toBeGreaterThanOrEqual(12);
    expect(onDay(2, 1)!.replied).toBeGreaterThanOrEqual(9);
    expect(series.points.some((p) => p.day < series.from)).toBe(false);
    expect(series.publishes.map((p) => [p.versionNumber, p.day])).toEqual([
      [1, "2031-05-22"],
      [2, "2031-06-17"],
    ]);

    const funnels = await listVersionFunnels({ sequenceId: welcomeId });
    for (const f of funnels) {
      for (const stage of f.stages) {
        expect(stage.count).toBe(
          await n(
            `SELECT coalesce(sum(count), 0) AS n FROM outcome_counts WHERE sequence_version_id = $1 AND metric = $2`,
            [f.versionId, stage.metric],
          ),
        );
      }
    }
    expect(funnels.map((f) => f.versionNumber)).toEqual([1, 2]);
  });

  it("is empty, not broken, for a sequence with no history", async () => {
    const series = await listOutcomeSeries({ sequenceId: randomUUID(), now: NOW });
    expect(series).toMatchObject({ points: [], publishes: [] });
    expect(await listVersionFunnels({ sequenceId: randomUUID() })).toEqual([]);
    expect(HOUR).toBeGreaterThan(0);
  });
});
