// Moving in-flight enrollments to a newer version on purpose: dry run, canary, apply in batches,
// undo; and, driven by the real step runner, the guarantee that an enrollment only ever executes
// steps of the version it is on at that moment, and never the same step twice.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// First: it mocks next-auth's session before the actions load it.
import { signInAs } from "./support/session";
import {
  applyMigrationAction,
  planMigrationAction,
  previewEnrollmentAction,
  startMigrationAction,
  undoMigrationAction,
} from "@/lib/actions/migrations";
import type { DraftContent } from "@/lib/domain/draft";
import type { StepMap } from "@/lib/domain/migration-plan";
import { versionContentSchema, type Step } from "@/lib/domain/steps";
import { drainDue } from "@/lib/engine/run-batch";
import { db } from "@/lib/server/db";
import { applyMigration, startMigration } from "@/lib/server/migrations/apply-migration";
import { listMigrations } from "@/lib/server/migrations/list-migrations";
import { planMigration } from "@/lib/server/migrations/plan-migration";
import { previewEnrollment } from "@/lib/server/migrations/preview-enrollment";
import { undoMigration } from "@/lib/server/migrations/undo-migration";
import { enrollContacts } from "@/lib/server/sequences/enroll-contacts";
import { publishVersion } from "@/lib/server/sequences/publish-version";
import { saveDraft } from "@/lib/server/sequences/save-draft";
import type { SessionUser } from "@/lib/server/session";
import { makeUser } from "./support/factories";
import { makeContacts, makeSequenceWithDraft } from "./support/sequences";

const HOUR = 3_600_000;
const settings = { exitOnReply: true, exitOnUnsubscribe: true };
const email = (key: string, subject: string): Step => ({
  key,
  type: "email",
  subject,
  body: `Body of ${key} {{unsubscribe_url}}`,
});
const wait = (key: string, days: number): Step => ({
  key,
  type: "wait",
  amount: days,
  unit: "days",
  businessDaysOnly: false,
});

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
let editor: SessionUser;
let viewer: SessionUser;

beforeAll(async () => {
  editor = await makeUser("editor");
  viewer = await makeUser("viewer");
});
afterAll(async () => {
  await pool.end();
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

type Row = {
  id: string;
  sequence_version_id: string;
  current_step_index: number;
  current_step_key: string | null;
  next_run_at: Date | null;
  status: string;
  pass: number;
};
async function enrollmentRows(sequenceId: string): Promise<Map<string, Row>> {
  const { rows } = await pool.query<Row>(
    `SELECT id, sequence_version_id, current_step_index, current_step_key, next_run_at, status::text AS status, pass FROM enrollments WHERE sequence_id = $1`,
    [sequenceId],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

type Event = {
  enrollment_id: string;
  type: string;
  sequence_version_id: string | null;
  step_key: string | null;
  step_index: number | null;
  execution_key: string | null;
  at: Date;
  detail: Record<string, unknown>;
};
// In insertion order (uuidv7 ids): the runner's events carry the test clock, the actions' events real time.
async function eventsOf(sequenceId: string): Promise<Map<string, Event[]>> {
  const { rows } = await pool.query<Event>(
    `SELECT ev.enrollment_id, ev.type::text AS type, ev.sequence_version_id, ev.step_key, ev.step_index, ev.execution_key, ev.at, ev.detail
     FROM enrollment_events ev JOIN enrollments e ON e.id = ev.enrollment_id WHERE e.sequence_id = $1 ORDER BY ev.id`,
    [sequenceId],
  );
  const byEnrollment = new Map<string, Event[]>();
  for (const row of rows) byEnrollment.set(row.enrollment_id, [...(byEnrollment.get(row.enrollment_id) ?? []), row]);
  return byEnrollment;
}

// v1: intro, wait 2d, tips, wait 3d, offer, wait 2d, bye.
const V1 = [
  email("intro", "Welcome"),
  wait("wait1", 2),
  email("tips", "Three tips"),
  wait("wait2", 3),
  email("offer", "An offer"),
  wait("wait3", 2),
  email("bye", "Goodbye"),
];
// v2: "tips" removed (its contacts go to the new "case"), "case" and "ps" added, intro/wait2/bye modified.
const V2 = [
  email("intro", "Welcome!"),
  wait("wait1", 2),
  email("case", "A case study"),
  wait("wait2", 1),
  email("offer", "An offer"),
  wait("wait3", 2),
  email("bye", "Goodbye for now"),
  email("ps", "P.S."),
];
const MAP: StepMap = { tips: { kind: "goto", key: "case" } };

describe("migrating 1,000 in-flight enrollments from v1 to v2", () => {
  it("canary, undo, then the rest; the runner only ever executes the enrollment's current version, each step once", async () => {
    // A Monday long before other tests' enrollments, so our runner ticks never pick theirs up.
    const T0 = Date.parse("2019-01-07T09:00:00.000Z");
    let now = T0;
    const seq = await makeSequenceWithDraft(editor.id, { steps: V1, settings } as DraftContent);
    const run = () => drainDue({ pool, now: new Date(now), scope: { sequenceIds: [seq.id] } });
    const v1 = await publishVersion({ actorId: editor.id, sequenceId: seq.id, note: "v1" });
    const contacts = await makeContacts(1000, "mig");

    // Five cohorts enrolled at different times leave contacts at every step of v1.
    const cohorts: [offsetHours: number, from: number, to: number][] = [
      [0, 0, 200],
      [24, 200, 400],
      [72, 400, 600],
      [108, 600, 800],
      [144, 800, 1000],
    ];
    for (let tick = 0; tick <= 144; tick += 6) {
      now = T0 + tick * HOUR;
      for (const [offset, from, to] of cohorts) {
        if (offset === tick)
          await enrollContacts({
            actorId: editor.id,
            sequenceId: seq.id,
            contactIds: contacts.slice(from, to),
            now: new Date(now),
          });
      }
      if (tick < 144) await run(); // the last cohort stays due at intro
    }
    // Some are paused mid-wait (the pause service keeps next_run_at).
    await pool.query(
      `UPDATE enrollments SET status = 'paused' WHERE id IN (SELECT id FROM enrollments WHERE sequence_id = $1 ORDER BY id LIMIT 50)`,
      [seq.id],
    );
    const v2 = await publish(seq.id, V2, "v2");
    const before = await enrollmentRows(seq.id);
    expect(before.size).toBe(1000);
    const atStep = (rows: Map<string, Row>) =>
      Object.fromEntries(
        [...new Set([...rows.values()].map((r) => r.current_step_key))].map((k) => [
          k,
          [...rows.values()].filter((r) => r.current_step_key === k).length,
        ]),
      );
    expect(atStep(before)).toEqual({ intro: 200, tips: 200, offer: 400, bye: 200 });

    // Dry run through the action: counts per current step of v1 -> landing in v2.
    signInAs(editor);
    const base = { sequenceId: seq.id, fromVersionId: v1.versionId, toVersionId: v2.versionId, stepMap: MAP };
    const dry = await planMigrationAction({ ...base, selection: { kind: "all" } });
    if (!dry.ok) throw new Error(dry.error);
    expect(
      dry.data.rows.map((r) => [r.from.key, r.landing.kind === "move" ? r.landing.toKey : r.landing.kind, r.count]),
    ).toEqual([
      ["intro", "intro", 200],
      ["tips", "case", 200],
      ["offer", "offer", 400],
      ["bye", "bye", 200],
    ]);
    expect(dry.data).toMatchObject({ total: 1000, moved: 1000, inFlightOnFrom: 1000 });
    const someone = [...before.values()].find((r) => r.current_step_key === "tips")!;
    const preview = await previewEnrollmentAction({ ...base, enrollmentId: someone.id });
    if (!preview.ok) throw new Error(preview.error);
    expect(preview.data.stay.map((r) => r.key)).toEqual(["tips", "wait2", "offer", "wait3", "bye"]);
    expect(preview.data.move.map((r) => [r.key, r.change])).toEqual([
      ["case", "added"],
      ["wait2", "modified"],
      ["offer", "same"],
      ["wait3", "same"],
      ["bye", "modified"],
      ["ps", "added"],
    ]);
    expect(preview.data.move[0]?.at).toEqual(someone.next_run_at);

    // Canary: 10 % (a deterministic sample), applied a batch at a time as the page does.
    now += 10 * 60_000;
    const canarySelection = { kind: "canary" as const, percent: 10, seed: "it-canary" };
    const canaryPlan = await planMigration({ ...base, selection: canarySelection });
    expect(canaryPlan.total).toBeGreaterThan(60);
    expect(canaryPlan.total).toBeLessThan(140);
    const canary = await startMigration({ ...base, actorId: editor.id, selection: canarySelection });
    expect(canary.total).toBe(canaryPlan.total);
    let progress = await applyMigration({
      actorId: editor.id,
      migrationId: canary.migrationId,
      batchSize: 40,
      maxBatches: 1,
      now: new Date(now),
    });
    expect(progress).toMatchObject({ done: false, status: "applying", counts: { moved: 40 } });
    // Resumable: the next call continues with the rest of the selection.
    progress = await applyMigration({
      actorId: editor.id,
      migrationId: canary.migrationId,
      batchSize: 40,
      now: new Date(now),
    });
    expect(progress).toMatchObject({
      done: true,
      status: "applied",
      counts: { total: canary.total, moved: canary.total },
    });
    const afterCanary = await enrollmentRows(seq.id);
    const canaryIds = [...afterCanary.values()].filter((r) => r.sequence_version_id === v2.versionId).map((r) => r.id);
    expect(canaryIds.length).toBe(canary.total);
    for (const id of canaryIds) {
      const prior = before.get(id)!;
      const moved = afterCanary.get(id)!;
      const expectedKey = prior.current_step_key === "tips" ? "case" : prior.current_step_key;
      expect(moved).toMatchObject({
        current_step_key: expectedKey,
        current_step_index: V2.findIndex((s) => s.key === expectedKey),
        pass: 1,
        status: prior.status,
        next_run_at: prior.next_run_at,
      });
    }

    // An hour later the runner runs what is due: the canary's due contacts now execute on v2.
    now += HOUR;
    await run();
    const dueCanary = canaryIds.filter(
      (id) => before.get(id)?.status === "active" && before.get(id)!.next_run_at!.getTime() <= now,
    );
    const executedOnV2 = new Set(
      (
        await pool.query<{ enrollment_id: string }>(
          `SELECT DISTINCT enrollment_id FROM enrollment_events WHERE type = 'step_executed' AND sequence_version_id = $1`,
          [v2.versionId],
        )
      ).rows.map((r) => r.enrollment_id),
    );
    expect(executedOnV2.size).toBeGreaterThan(0);
    expect([...executedOnV2].sort()).toEqual(dueCanary.sort());

    // Undo the canary: untouched ones go back exactly; those that ran a v2 step stay, reported.
    now += HOUR;
    const undo = await undoMigrationAction({ sequenceId: seq.id, migrationId: canary.migrationId });
    if (!undo.ok) throw new Error(undo.error);
    expect(undo.data.restored + undo.data.kept).toBe(canary.total);
    expect(undo.data.kept).toBe(executedOnV2.size);
    expect(undo.data.keptByReason.executed_step).toBe(executedOnV2.size);
    const afterUndo = await enrollmentRows(seq.id);
    for (const id of canaryIds) {
      if (executedOnV2.has(id)) expect(afterUndo.get(id)).toMatchObject({ sequence_version_id: v2.versionId, pass: 1 });
      else expect(afterUndo.get(id)).toEqual(before.get(id));
    }
    const again = await undoMigrationAction({ sequenceId: seq.id, migrationId: canary.migrationId });
    expect(again).toMatchObject({ ok: false, code: "conflict" });

    // Then everyone still on v1, through the action (two batches per call) until done.
    now += HOUR;
    const rest = await startMigrationAction({ ...base, selection: { kind: "all" } });
    if (!rest.ok) throw new Error(rest.error);
    expect(rest.data.total).toBe(1000 - executedOnV2.size);
    for (;;) {
      const step = await applyMigrationAction({ migrationId: rest.data.migrationId });
      if (!step.ok) throw new Error(step.error);
      if (step.data.done) {
        expect(step.data.counts).toMatchObject({ moved: rest.data.total, exited: 0, completed: 0 });
        break;
      }
    }
    const afterAll_ = await enrollmentRows(seq.id);
    expect([...afterAll_.values()].every((r) => r.sequence_version_id === v2.versionId)).toBe(true);

    // Resume the paused ones and let the runner finish everybody.
    await pool.query(`UPDATE enrollments SET status = 'active' WHERE sequence_id = $1 AND status = 'paused'`, [seq.id]);
    for (
      let i = 0;
      i < 40 &&
      (await pool.query(`SELECT 1 FROM enrollments WHERE sequence_id = $1 AND status = 'active' LIMIT 1`, [seq.id]))
        .rowCount;
      i++
    ) {
      now += 6 * HOUR;
      await run();
    }
    const final = await enrollmentRows(seq.id);
    expect([...final.values()].every((r) => r.status === "completed")).toBe(true);

    // Replay every timeline and check the guarantees.
    const stepsOf = new Map<string, Step[]>([
      [v1.versionId, V1],
      [v2.versionId, V2],
    ]);
    const timelines = await eventsOf(seq.id);
    expect(timelines.size).toBe(1000);
    for (const [id, events] of timelines) {
      let version: string | null = null;
      let pendingLanding: string | null = null;
      const executedKeys: string[] = [];
      for (const ev of events) {
        if (ev.type === "enrolled") version = ev.sequence_version_id;
        if (ev.type === "migrated") {
          expect(ev.detail).toMatchObject({ fromVersion: 1, toVersion: 2 });
          version = ev.sequence_version_id;
          pendingLanding = ev.step_key;
        }
        if (ev.type === "migration_undone") {
          version = ev.sequence_version_id;
          pendingLanding = null;
        }
        if (ev.type !== "step_executed") continue;
        // Executed from the version the enrollment was on at that moment, at that version's step.
        expect(ev.sequence_version_id, `enrollment ${id}`).toBe(version);
        expect(stepsOf.get(ev.sequence_version_id!)?.[ev.step_index!]?.key).toBe(ev.step_key);
        // The first step after a move is the mapped one.
        if (pendingLanding !== null) expect(ev.step_key).toBe(pendingLanding);
        pendingLanding = null;
        executedKeys.push(ev.step_key!);
      }
      expect(new Set(executedKeys).size, `enrollment ${id} executed ${executedKeys.join(",")}`).toBe(
        executedKeys.length,
      );
      // Every moved enrollment then ran v2 from its landing to the end.
      const lastMove = events.findLastIndex((e) => e.type === "migrated");
      const landing = V2.findIndex((s) => s.key === events[lastMove]?.step_key);
      const afterMove = events
        .slice(lastMove)
        .filter((e) => e.type === "step_executed")
        .map((e) => e.step_key);
      expect(afterMove.slice(-(V2.length - landing))).toEqual(V2.slice(landing).map((s) => s.key));
    }

    const history = await listMigrations({ sequenceId: seq.id });
    expect(history.map((m) => [m.status, m.fromVersion, m.toVersion])).toEqual([
      ["applied", 1, 2],
      ["undone", 1, 2],
    ]);
    expect(history[1]?.counts).toMatchObject({ undone: undo.data.restored, kept: undo.data.kept });
    const audit = await db().auditLog.findMany({
      where: { entityId: seq.id, action: { in: ["sequence.migrate", "sequence.migration_undo"] } },
      orderBy: { at: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual(["sequence.migrate", "sequence.migration_undo", "sequence.migrate"]);
  });
});

describe("apply re-plans from the current state; exit choice; exact undo", () => {
  const A = [email("a", "A"), wait("w1", 1), email("b", "B"), wait("w2", 1), email("c", "C")];
  const B = [email("a", "A"), wait("w1", 1), email("c", "C")];

  it("exits contacts on a removed step by choice, moves those who advanced since the dry run, and undoes both", async () => {
    const T0 = Date.parse("2019-03-04T09:00:00.000Z");
    const seq = await makeSequenceWithDraft(editor.id, { steps: A, settings } as DraftContent);
    const v1 = await publishVersion({ actorId: editor.id, sequenceId: seq.id, note: "v1" });
    const contacts = await makeContacts(30, "mig2");
    await enrollContacts({ actorId: editor.id, sequenceId: seq.id, contactIds: contacts, now: new Date(T0) });
    await drainDue({ pool, now: new Date(T0), scope: { sequenceIds: [seq.id] } });
    const v2 = await publish(seq.id, B, "drop b");
    const base = {
      sequenceId: seq.id,
      fromVersionId: v1.versionId,
      toVersionId: v2.versionId,
      stepMap: { b: { kind: "exit" as const }, w2: { kind: "next" as const } },
    };

    const dry = await planMigration({ ...base, selection: { kind: "all" } });
    expect(dry).toMatchObject({ total: 30, exited: 30, moved: 0 });
    const started = await startMigration({ ...base, actorId: editor.id, selection: { kind: "all" } });

    // Between dry run and apply, five contacts get their step b early and move on to c.
    const { rows: early } = await pool.query<{ id: string }>(
      `UPDATE enrollments SET next_run_at = $2 WHERE id IN (SELECT id FROM enrollments WHERE sequence_id = $1 ORDER BY id LIMIT 5) RETURNING id`,
      [seq.id, new Date(T0 + HOUR)],
    );
    await drainDue({ pool, now: new Date(T0 + HOUR), scope: { sequenceIds: [seq.id] } });
    const before = await enrollmentRows(seq.id);
    expect(early.every((r) => before.get(r.id)?.current_step_key === "c")).toBe(true);

    const done = await applyMigration({
      actorId: editor.id,
      migrationId: started.migrationId,
      now: new Date(T0 + 2 * HOUR),
    });
    expect(done.counts).toMatchObject({ total: 30, exited: 25, moved: 5 });
    const after = await enrollmentRows(seq.id);
    for (const [id, row] of after) {
      if (early.some((e) => e.id === id))
        expect(row).toMatchObject({
          sequence_version_id: v2.versionId,
          current_step_key: "c",
          current_step_index: 2,
          status: "active",
          pass: 1,
        });
      else
        expect(row).toMatchObject({
          sequence_version_id: v1.versionId,
          current_step_key: "b",
          status: "exited",
          next_run_at: null,
          pass: 1,
        });
    }
    const exitedRow = await db().enrollment.findFirstOrThrow({ where: { sequenceId: seq.id, status: "exited" } });
    expect(exitedRow.exitReason).toBe("migration");
    // A second apply call is a no-op.
    expect(await applyMigration({ actorId: editor.id, migrationId: started.migrationId })).toMatchObject({
      done: true,
      status: "applied",
    });

    const undone = await undoMigration({
      actorId: editor.id,
      migrationId: started.migrationId,
      now: new Date(T0 + 3 * HOUR),
    });
    expect(undone).toMatchObject({ restored: 30, kept: 0 });
    const restored = await enrollmentRows(seq.id);
    for (const [id, row] of restored) expect(row).toEqual(before.get(id));
    const undoneRow = await db().enrollment.findUniqueOrThrow({ where: { id: exitedRow.id } });
    expect(undoneRow).toMatchObject({ exitReason: null, finishedAt: null, status: "active" });

    // Finish everyone on v1 so no row of this test stays due for other tests' runner ticks.
    for (let tick = 1; tick <= 10; tick++)
      await drainDue({ pool, now: new Date(T0 + tick * 12 * HOUR), scope: { sequenceIds: [seq.id] } });
    expect([...(await enrollmentRows(seq.id)).values()].every((r) => r.status === "completed")).toBe(true);
  });

  it("refuses an incomplete step map and a goto to a step the target lacks", async () => {
    const seq = await makeSequenceWithDraft(editor.id, { steps: A, settings } as DraftContent);
    const v1 = await publishVersion({ actorId: editor.id, sequenceId: seq.id, note: "v1" });
    const v2 = await publish(seq.id, B, "drop b");
    signInAs(editor);
    const base = {
      sequenceId: seq.id,
      fromVersionId: v1.versionId,
      toVersionId: v2.versionId,
      selection: { kind: "all" as const },
    };
    const missing = await planMigrationAction({ ...base, stepMap: { b: { kind: "next" } } });
    expect(missing).toMatchObject({ ok: false, code: "invalid" });
    const nowhere = await planMigrationAction({
      ...base,
      stepMap: { b: { kind: "goto", key: "zz" }, w2: { kind: "next" } },
    });
    expect(nowhere).toMatchObject({ ok: false, code: "invalid" });
    const empty = await startMigrationAction({ ...base, stepMap: { b: { kind: "next" }, w2: { kind: "next" } } });
    expect(empty).toMatchObject({ ok: false, code: "conflict" });
    await expect(
      previewEnrollment({ ...base, stepMap: {}, enrollmentId: "00000000-0000-0000-0000-000000000000" }),
    ).rejects.toThrow();
  });
});

describe("permissions", () => {
  it("denies viewers every migration action", async () => {
    const seq = await makeSequenceWithDraft(editor.id);
    const v1 = await publishVersion({ actorId: editor.id, sequenceId: seq.id, note: "v1" });
    signInAs(viewer);
    const base = { sequenceId: seq.id, fromVersionId: v1.versionId, toVersionId: v1.versionId, stepMap: {} };
    const id = "00000000-0000-0000-0000-000000000000";
    const results = [
      await planMigrationAction({ ...base, selection: { kind: "all" } }),
      await previewEnrollmentAction({ ...base, enrollmentId: id }),
      await startMigrationAction({ ...base, selection: { kind: "all" } }),
      await applyMigrationAction({ migrationId: id }),
      await undoMigrationAction({ sequenceId: seq.id, migrationId: id }),
    ];
    for (const result of results) expect(result).toMatchObject({ ok: false, code: "forbidden" });
    signInAs(null);
    expect(await planMigrationAction({ ...base, selection: { kind: "all" } })).toMatchObject({
      ok: false,
      code: "unauthenticated",
    });
    expect(versionContentSchema.safeParse({ steps: V2 }).success).toBe(true);
  });
});
