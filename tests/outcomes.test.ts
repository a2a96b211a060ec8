// Outcome counters (outcome_counts, written by lib/store in the statement of the change they count)
// and the funnel read service: after a seeded scenario driven through the real services, runner
// and delivery loop (replies, bounces, unsubscribes, tasks, a delivery failure, a migration
// between versions, an undo), every funnel number equals a direct SQL count over the raw rows,
// and rebuilding the counters from the raw rows (what the migration's backfill does) changes nothing.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DraftContent } from "@/lib/domain/draft";
import type { Step } from "@/lib/domain/steps";
import { drainDeliveries } from "@/lib/engine/deliver-messages";
import { drainDue } from "@/lib/engine/run-batch";
import { transportsFor } from "@/lib/engine/transports";
import { db } from "@/lib/server/db";
import { completeTask } from "@/lib/server/enrollments/complete-task";
import { recordBounce } from "@/lib/server/enrollments/record-bounce";
import { recordReply } from "@/lib/server/enrollments/record-reply";
import { unsubscribeContact } from "@/lib/server/enrollments/unsubscribe-contact";
import { applyMigration, startMigration } from "@/lib/server/migrations/apply-migration";
import { undoMigration } from "@/lib/server/migrations/undo-migration";
import { getSequenceOutcomes } from "@/lib/server/outcomes/get-sequence-outcomes";
import { listOutcomeSeries } from "@/lib/server/outcomes/list-outcome-series";
import { enrollContacts } from "@/lib/server/sequences/enroll-contacts";
import { publishVersion } from "@/lib/server/sequences/publish-version";
import { saveDraft } from "@/lib/server/sequences/save-draft";
import type { SessionUser } from "@/lib/server/session";
import { rebuildOutcomeCounts } from "@/lib/store/outcome-counts";
import { pgSql } from "@/lib/store/sql";
import { makeUser } from "./support/factories";
import { makeContacts, makeSequenceWithDraft } from "./support/sequences";

const DAY = 86_400_000;
const settings = { exitOnReply: true, exitOnUnsubscribe: true };
const email = (key: string, subject: string): Step => ({
  key,
  type: "email",
  subject,
  body: `Body of ${key}\n{{unsubscribe_url}}`,
});
const wait = (key: string): Step => ({ key, type: "wait", amount: 1, unit: "days", businessDaysOnly: false });
const V1: Step[] = [
  email("intro", "Hello"),
  wait("w1"),
  email("follow", "Again"),
  { key: "call", type: "task", title: "Call", note: "" } as Step,
  wait("w2"),
  email("last", "Last"),
];
const V2: Step[] = [
  email("intro", "Hello v2"),
  wait("w1"),
  email("follow", "Again v2"),
  { key: "text", type: "sms", body: "Hi" } as Step,
  wait("w2"),
  email("last", "Last v2"),
];

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
const owner = new pg.Pool({ connectionString: process.env.OWNER_DATABASE_URL, max: 1 });
let editor: SessionUser;

beforeAll(async () => {
  editor = await makeUser("editor");
});
afterAll(async () => {
  await pool.end();
  await owner.end();
  await db().$disconnect();
});

async function publish(sequenceId: string, steps: Step[], note: string) {
  const { draftRevision } = await db().sequence.findUniqueOrThrow({
    where: { id: sequenceId },
    select: { draftRevision: true },
  });
  await saveDraft({
    actorId: editor.id,
    sequenceId,
    revision: draftRevision,
    draft: { steps, settings } as DraftContent,
  });
  return publishVersion({ actorId: editor.id, sequenceId, note });
}

type Key = string; // "<version>|<step>|<metric>"
async function directCounts(sequenceId: string): Promise<Map<Key, number>> {
  const q = async (text: string) =>
    (await pool.query<{ v: string; s: string; m: string; n: string }>(text, [sequenceId])).rows;
  const out = new Map<Key, number>();
  const add = (rows: { v: string; s: string; m: string; n: string }[]) => {
    for (const r of rows) if (Number(r.n) !== 0) out.set(`${r.v}|${r.s}|${r.m}`, Number(r.n));
  };
  const ofSeq = "JOIN enrollments e ON e.id = x.enrollment_id WHERE e.sequence_id = $1";
  // enrollment level, from the enrollments as they stand now
  add(
    await q(
      `SELECT x.sequence_version_id v, '' s, 'enrolled' m, count(*) n FROM enrollment_events x ${ofSeq} AND x.type = 'enrolled' GROUP BY 1`,
    ),
  );
  add(
    await q(
      `SELECT sequence_version_id v, '' s, status::text m, count(*) n FROM enrollments WHERE sequence_id = $1 AND status IN ('completed', 'exited', 'failed') GROUP BY 1, 3`,
    ),
  );
  // per step, from messages and tasks
  add(
    await q(
      `SELECT x.sequence_version_id v, x.step_key s, 'sent' m, count(*) n FROM messages x ${ofSeq} GROUP BY 1, 2`,
    ),
  );
  add(
    await q(
      `SELECT x.sequence_version_id v, x.step_key s, 'delivered' m, count(*) n FROM messages x ${ofSeq} AND x.status = 'sent' GROUP BY 1, 2`,
    ),
  );
  add(
    await q(
      `SELECT x.sequence_version_id v, x.step_key s, 'delivery_failed' m, count(*) n FROM messages x ${ofSeq} AND x.status = 'failed' GROUP BY 1, 2`,
    ),
  );
  add(
    await q(
      `SELECT x.sequence_version_id v, x.step_key s, 'task_created' m, count(*) n FROM tasks x ${ofSeq} GROUP BY 1, 2`,
    ),
  );
  add(
    await q(
      `SELECT x.sequence_version_id v, x.step_key s, 'task_completed' m, count(*) n FROM tasks x ${ofSeq} AND x.completed_at IS NOT NULL GROUP BY 1, 2`,
    ),
  );
  add(
    await q(
      `SELECT x.sequence_version_id v, x.step_key s, 'step_skipped' m, count(*) n FROM enrollment_events x ${ofSeq} AND x.type = 'step_skipped' GROUP BY 1, 2`,
    ),
  );
  // responses: the version and step of the last message sent before them
  add(
    await q(`SELECT coalesce(last.sequence_version_id, x.sequence_version_id) v, coalesce(last.step_key, '') s, x.type::text m, count(*) n
             FROM enrollment_events x JOIN enrollments e ON e.id = x.enrollment_id
             LEFT JOIN LATERAL (SELECT m.sequence_version_id, m.step_key FROM messages m WHERE m.enrollment_id = x.enrollment_id AND m.sent_at <= x.at ORDER BY m.sent_at DESC, m.id DESC LIMIT 1) last ON true
             WHERE e.sequence_id = $1 AND x.type IN ('replied', 'unsubscribed', 'bounced') GROUP BY 1, 2, 3`),
  );
  // migrations that still stand (not undone) and moved the enrollment to the target
  add(
    await q(`SELECT em.to_version_id v, '' s, 'migrated_in' m, count(*) n FROM enrollment_migration_items i JOIN enrollment_migrations em ON em.id = i.migration_id
             WHERE em.sequence_id = $1 AND NOT i.undone AND i.outcome IN ('moved', 'completed') GROUP BY 1`),
  );
  add(
    await q(`SELECT em.from_version_id v, '' s, 'migrated_out' m, count(*) n FROM enrollment_migration_items i JOIN enrollment_migrations em ON em.id = i.migration_id
             WHERE em.sequence_id = $1 AND NOT i.undone AND i.outcome IN ('moved', 'completed') GROUP BY 1`),
  );
  return out;
}

const COMPARED = new Set([
  "enrolled",
  "completed",
  "exited",
  "failed",
  "sent",
  "delivered",
  "delivery_failed",
  "task_created",
  "task_completed",
  "replied",
  "unsubscribed",
  "bounced",
  "migrated_in",
  "migrated_out",
  "step_skipped",
]);

async function counterTotals(sequenceId: string): Promise<Map<Key, number>> {
  const { rows } = await pool.query<{ v: string; s: string; m: string; n: string }>(
    `SELECT sequence_version_id v, step_key s, metric m, sum(count) n FROM outcome_counts WHERE sequence_id = $1 GROUP BY 1, 2, 3`,
    [sequenceId],
  );
  return new Map(
    rows.filter((r) => COMPARED.has(r.m) && Number(r.n) !== 0).map((r) => [`${r.v}|${r.s}|${r.m}`, Number(r.n)]),
  );
}

describe("outcome counters and the funnel", () => {
  it("equal direct SQL counts after replies, bounces, tasks, failures, a migration and an undo", async () => {
    const seq = await makeSequenceWithDraft(editor.id, { steps: V1, settings } as DraftContent);
    const v1 = await publish(seq.id, V1, "v1");
    const contacts = await makeContacts(40, "oc");
    let now = Date.UTC(2026, 0, 5, 9);
    const { transportFor } = transportsFor({ smtpUrl: null });
    const tick = async () => {
      await drainDue({ pool, now: new Date(now), scope: { sequenceIds: [seq.id] } });
      await drainDeliveries({ pool, now: new Date(now), transportFor, scope: { sequenceIds: [seq.id] } });
    };
    await enrollContacts({
      actorId: editor.id,
      sequenceId: seq.id,
      contactIds: contacts.slice(0, 30),
      now: new Date(now),
    });
    await tick(); // intro sent and delivered to 30
    now += 1000;
    for (const id of contacts.slice(0, 3)) await recordReply({ actorId: editor.id, contactId: id, now: new Date(now) });
    await recordBounce({
      actorId: editor.id,
      contactId: contacts[3]!,
      kind: "hard",
      reason: "no such user",
      now: new Date(now),
    });
    await unsubscribeContact({ actorId: editor.id, contactId: contacts[4]!, now: new Date(now) });
    now += DAY + 1000;
    await tick(); // follow sent, task created
    const tasks = await db().task.findMany({
      where: { enrollment: { sequenceId: seq.id } },
      select: { id: true },
      take: 5,
    });
    for (const t of tasks) await completeTask({ actorId: editor.id, taskId: t.id, now: new Date(now) });

    // v2 with an SMS step (the contacts have no phone: the runner skips it, and counts the skip)
    const v2 = await publish(seq.id, V2, "v2");
    const stepMap = { call: { kind: "exit" as const } };
    const started = await startMigration({
      actorId: editor.id,
      sequenceId: seq.id,
      fromVersionId: v1.versionId,
      toVersionId: v2.versionId,
      stepMap,
      selection: { kind: "canary", percent: 50, seed: "oc" },
    });
    await applyMigration({ actorId: editor.id, migrationId: started.migrationId, now: new Date(now) });
    // A second migration of the rest, undone at once.
    const rest = await startMigration({
      actorId: editor.id,
      sequenceId: seq.id,
      fromVersionId: v1.versionId,
      toVersionId: v2.versionId,
      stepMap,
      selection: { kind: "all" },
    });
    now += 1000;
    await applyMigration({ actorId: editor.id, migrationId: rest.migrationId, now: new Date(now) });
    now += 1000;
    const undone = await undoMigration({ actorId: editor.id, migrationId: rest.migrationId, now: new Date(now) });
    expect(undone.restored).toBeGreaterThan(0);
    // New enrollments on v2, then time runs on.
    await enrollContacts({
      actorId: editor.id,
      sequenceId: seq.id,
      contactIds: contacts.slice(30),
      now: new Date(now),
    });
    for (let i = 0; i < 4; i++) {
      now += DAY + 1000;
      await tick();
      // a reply after the migration counts for the version of the message it answers
      await recordReply({ actorId: editor.id, contactId: contacts[10 + i]!, now: new Date(now + 500) });
    }

    const direct = await directCounts(seq.id);
    const counters = await counterTotals(seq.id);
    expect(Object.fromEntries(counters)).toEqual(Object.fromEntries(direct));
    expect(direct.get(`${v2.versionId}|text|step_skipped`)).toBeGreaterThan(0);
    expect(direct.get(`${v2.versionId}||migrated_in`)).toBeGreaterThan(0);
    expect(direct.get(`${v1.versionId}||exited`)).toBeGreaterThan(0);
    expect(direct.get(`${v1.versionId}||failed`)).toBeGreaterThan(0); // the hard bounce
    expect([...direct.keys()].filter((k) => k.endsWith("|replied")).length).toBeGreaterThan(1);

    // The funnel service agrees with the same numbers.
    const funnel = await getSequenceOutcomes(seq.id);
    expect(funnel.versions.map((v) => v.number)).toEqual([2, 1]);
    for (const version of funnel.versions) {
      for (const metric of ["enrolled", "completed", "exited", "failed", "migrated_in", "migrated_out"])
        expect(version.counts[metric] ?? 0, `${version.number} ${metric}`).toBe(
          direct.get(`${version.versionId}||${metric}`) ?? 0,
        );
      for (const step of version.steps)
        for (const metric of ["sent", "delivered", "delivery_failed", "replied", "task_completed"])
          expect(step.counts[metric] ?? 0, `${version.number} ${step.key} ${metric}`).toBe(
            direct.get(`${version.versionId}|${step.key}|${metric}`) ?? 0,
          );
      const { rows } = await pool.query<{ n: number }>(
        "SELECT count(*)::int n FROM enrollments WHERE sequence_version_id = $1 AND status IN ('active', 'paused')",
        [version.versionId],
      );
      expect(version.inFlight).toBe(rows[0]!.n);
      const { rows: reasons } = await pool.query<{ reason: string; n: number }>(
        "SELECT exit_reason reason, count(*)::int n FROM enrollments WHERE sequence_version_id = $1 AND status = 'exited' GROUP BY 1",
        [version.versionId],
      );
      expect(Object.fromEntries(version.exitedByReason.map((r) => [r.reason, r.count]))).toEqual(
        Object.fromEntries(reasons.map((r) => [r.reason, r.n])),
      );
      expect(version.rates.reply.denominator).toBe(version.counts.delivered ?? 0);
    }

    // The compare page's call: the same counters for the two versions, no in-flight count.
    const pair = await getSequenceOutcomes(seq.id, {
      versionIds: funnel.versions.map((v) => v.versionId),
      inFlight: false,
    });
    expect(pair.versions.map((v) => v.inFlight)).toEqual([null, null]);
    expect(pair.versions.map((v) => v.counts)).toEqual(funnel.versions.map((v) => v.counts));
    expect(funnel.versions.some((v) => (v.inFlight ?? 0) > 0)).toBe(true);

    // The daily series sums to the same totals.
    const series = await listOutcomeSeries(seq.id, ["sent"], "2026-01-01", "2026-02-01");
    expect(series.reduce((sum, p) => sum + p.count, 0)).toBe(
      [...direct].filter(([k]) => k.endsWith("|sent")).reduce((s, [, n]) => s + n, 0),
    );

    // Rebuilding from the raw rows (the migration's backfill) gives the same counters.
    const before = await counterTotals(seq.id);
    const client = await owner.connect();
    try {
      await client.query("BEGIN");
      await rebuildOutcomeCounts(pgSql(client));
      await client.query("COMMIT");
    } finally {
      client.release();
    }
    expect(Object.fromEntries(await counterTotals(seq.id))).toEqual(Object.fromEntries(before));
  }, 120_000);
});
