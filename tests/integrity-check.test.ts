// The integrity check passes on the demo history (publishes, a canary migration, pinned contacts)
// plus a content fix applied and undone, and fails, naming what failed, once a version's content,
// a timeline row and an enrollment's version are tampered with by the owner.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAs } from "./support/session";
import { runIntegrityCheckAction } from "@/lib/actions/audit";
import type { IntegrityReport } from "@/lib/domain/integrity";
import { drainDue } from "@/lib/engine/run-batch";
import { db } from "@/lib/server/db";
import { runIntegrityCheck } from "@/lib/server/integrity/run-integrity-check";
import { undoMigration } from "@/lib/server/migrations/undo-migration";
import { enrollContacts } from "@/lib/server/sequences/enroll-contacts";
import { publishVersion } from "@/lib/server/sequences/publish-version";
import { saveDraft } from "@/lib/server/sequences/save-draft";
import type { SessionUser } from "@/lib/server/session";
import { seedDemoSequence } from "@/prisma/seed-demo-sequence";
import { makeUser } from "./support/factories";
import { DAY, testPool } from "./support/runner-fixtures";
import { currentDraft, makeContacts, makeSequenceWithDraft } from "./support/sequences";

const pool = testPool();
let editor: SessionUser;
let sequenceIds: string[] = [];
afterAll(async () => {
  await pool.end();
  await db().$disconnect();
});

async function editSubject(sequenceId: string, index: number, subject: string) {
  const { draft, revision } = await currentDraft(sequenceId);
  const step = draft.steps[index];
  if (step?.type !== "email") throw new Error("not an email step");
  draft.steps[index] = { ...step, subject };
  await saveDraft({ actorId: editor.id, sequenceId, revision, draft });
}

beforeAll(async () => {
  editor = await makeUser("editor");
  const tag = randomUUID().slice(0, 8);
  await db().contact.createMany({
    data: Array.from({ length: 200 }, (_, i) => ({ email: `integ-${tag}-${i}@test.example`, firstName: `F${i}` })),
  });
  const demoContacts = await db().contact.findMany({
    where: { email: { startsWith: `integ-${tag}-` } },
    select: { id: true },
    orderBy: { email: "asc" },
  });
  await seedDemoSequence({
    actorId: editor.id,
    contactIds: demoContacts.map((c) => c.id),
    now: new Date("2032-03-01T10:00:00.000Z"),
    connectionString: process.env.DATABASE_URL,
  });

  // A sequence of this test's own: a content fix applied to contacts in flight (v1 -> v2), steps run
  // on v2, a second fix (v2 -> v3) undone, steps run again.
  const seq = await makeSequenceWithDraft(editor.id);
  const t0 = Date.now();
  const run = (days: number) => drainDue({ pool, now: new Date(t0 + days * DAY), scope: { sequenceIds: [seq.id] } });
  await publishVersion({ actorId: editor.id, sequenceId: seq.id, note: "v1" });
  const contacts = await makeContacts(30, "integ-own");
  await enrollContacts({ actorId: editor.id, sequenceId: seq.id, contactIds: contacts.slice(0, 20) });
  await run(0);
  await editSubject(seq.id, 2, "Three tips (fixed)");
  await publishVersion({ actorId: editor.id, sequenceId: seq.id, note: "v2", inFlight: "apply-content-fix" });
  await enrollContacts({ actorId: editor.id, sequenceId: seq.id, contactIds: contacts.slice(20) });
  await run(3);
  await editSubject(seq.id, 4, "A special offer (fixed)");
  const v3 = await publishVersion({
    actorId: editor.id,
    sequenceId: seq.id,
    note: "v3",
    inFlight: "apply-content-fix",
  });
  const fix = v3.contentFix!.migrations[0]!;
  expect(fix.counts.moved).toBe(30);
  await undoMigration({ actorId: editor.id, migrationId: fix.migrationId });
  await run(7);

  sequenceIds = [
    seq.id,
    ...(await db().sequence.findMany({ where: { createdById: editor.id }, select: { id: true } })).map((s) => s.id),
  ];
  sequenceIds = [...new Set(sequenceIds)];
}, 300_000);

const byId = (report: IntegrityReport) => Object.fromEntries(report.checks.map((c) => [c.id, c]));

describe("integrity check", () => {
  it("passes on the seeded history, migrations and their undo included", async () => {
    const report = await runIntegrityCheck({ actorId: editor.id, scope: { sequenceIds } });
    const checks = byId(report);
    expect(Object.keys(checks)).toEqual([
      "versions-immutable",
      "version-hashes",
      "enrollments-pinned",
      "timeline-versions",
      "publishing-never-migrates",
    ]);
    for (const check of report.checks)
      expect(check, check.id).toMatchObject({ status: "passed", failed: 0, examples: [] });
    expect(report.passed).toBe(true);
    expect(checks["version-hashes"]!.checked).toBeGreaterThanOrEqual(5);
    expect(checks["timeline-versions"]!.checked).toBeGreaterThan(500);
    expect(checks["versions-immutable"]!.summary).toMatch(/refused/);
    expect(checks["publishing-never-migrates"]!.summary).toMatch(
      /No enrollment changed version except through a recorded migration/,
    );
  });

  it("admins run it from the audit page; editors are refused", async () => {
    signInAs(editor);
    expect(await runIntegrityCheckAction({ run: true })).toMatchObject({ ok: false, code: "forbidden" });
    signInAs(await makeUser("admin"));
    const result = await runIntegrityCheckAction({ run: true });
    expect(result.ok).toBe(true);
    expect(await db().auditLog.count({ where: { action: "integrity.check" } })).toBeGreaterThanOrEqual(2);
  });

  it("fails on a corrupted copy, naming the version, the timeline row and the enrollment", async () => {
    const [ownSequenceId] = sequenceIds;
    const versions = await db().sequenceVersion.findMany({
      where: { sequenceId: ownSequenceId },
      orderBy: { number: "asc" },
      select: { id: true, number: true },
    });
    const [v1, v2] = versions;
    // A step executed on v2 (after the first fix moved everyone) is moved to v1 on the timeline.
    const moved = await db().enrollmentEvent.findFirstOrThrow({
      where: { sequenceVersionId: v2!.id, type: "step_executed" },
      select: { id: true, enrollmentId: true },
    });
    // An enrollment still in flight on v2 is switched to v1 without a migration.
    const switched = await db().enrollment.findFirstOrThrow({
      where: { sequenceId: ownSequenceId, sequenceVersionId: v2!.id, id: { not: moved.enrollmentId } },
      select: { id: true },
    });
    const owner = new pg.Client({ connectionString: process.env.OWNER_DATABASE_URL });
    await owner.connect();
    try {
      await owner.query("BEGIN");
      await owner.query("ALTER TABLE sequence_versions DISABLE TRIGGER sequence_versions_no_update");
      await owner.query(
        `UPDATE sequence_versions SET content = jsonb_set(content, '{steps,0,subject}', '"Tampered"'::jsonb) WHERE id = $1`,
        [v1!.id],
      );
      await owner.query("ALTER TABLE sequence_versions ENABLE TRIGGER sequence_versions_no_update");
      await owner.query("UPDATE enrollment_events SET sequence_version_id = $1 WHERE id = $2", [v1!.id, moved.id]);
      await owner.query("UPDATE enrollments SET sequence_version_id = $1 WHERE id = $2", [v1!.id, switched.id]);
      await owner.query("COMMIT");
    } finally {
      await owner.end();
    }

    const report = await runIntegrityCheck({ actorId: editor.id, scope: { sequenceIds } });
    const checks = byId(report);
    expect(report.passed).toBe(false);
    expect(checks["versions-immutable"]!.status).toBe("passed");
    expect(checks["enrollments-pinned"]!.status).toBe("passed");
    expect(checks["version-hashes"]).toMatchObject({ status: "failed", failed: 1 });
    expect(checks["version-hashes"]!.examples).toEqual([
      { id: v1!.id, problem: expect.stringMatching(/^v1 of .* no longer hashes/) },
    ]);
    expect(checks["timeline-versions"]!.status).toBe("failed");
    expect(checks["timeline-versions"]!.examples.map((e) => e.id)).toContain(moved.id);
    expect(checks["publishing-never-migrates"]).toMatchObject({ status: "failed", failed: 1 });
    expect(checks["publishing-never-migrates"]!.examples[0]).toMatchObject({
      id: switched.id,
      problem: expect.stringMatching(/changed version without a recorded migration/),
    });
    const audit = await db().auditLog.findFirstOrThrow({
      where: { action: "integrity.check", actorId: editor.id },
      orderBy: { at: "desc" },
    });
    expect(audit.summary).toMatch(/3 check\(s\) failed/);
  });
});
