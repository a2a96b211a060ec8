import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAs } from "./support/session";
import {
  enrollContactsAction,
  publishVersionAction,
  saveDraftAction,
  restoreVersionAction,
  archiveSequenceAction,
  createSequenceAction,
} from "@/lib/actions/sequences";
import { contentHash } from "@/lib/domain/canonical-hash";
import { versionContentSchema } from "@/lib/domain/steps";
import { db } from "@/lib/server/db";
import type { SessionUser } from "@/lib/server/session";
import { enrollContacts } from "@/lib/server/sequences/enroll-contacts";
import { publishVersion } from "@/lib/server/sequences/publish-version";
import { saveDraft } from "@/lib/server/sequences/save-draft";
import { makeUser } from "./support/factories";
import { currentDraft, fiveStepDraft, makeContacts, makeSequenceWithDraft } from "./support/sequences";

let editor: SessionUser;
let viewer: SessionUser;

beforeAll(async () => {
  editor = await makeUser("editor");
  viewer = await makeUser("viewer");
});
afterAll(async () => {
  await db().$disconnect();
});

describe("pinning: editing and publishing never changes an in-flight enrollment", () => {
  it("keeps an enrollment made on v1 on v1, with v1's steps unchanged, after v2 is published", async () => {
    const seq = await makeSequenceWithDraft(editor.id);
    const v1 = await publishVersion({ actorId: editor.id, sequenceId: seq.id, note: "first" });
    const [contactId] = await makeContacts(1);
    const enrolled = await enrollContacts({ actorId: editor.id, sequenceId: seq.id, contactIds: [contactId!] });
    expect(enrolled.enrolled).toBe(1);
    const v1Before = await db().sequenceVersion.findUniqueOrThrow({ where: { id: v1.versionId } });

    // Edit: remove a step, swap two steps, change a subject; then publish v2.
    const { draft, revision } = await currentDraft(seq.id);
    const [intro, wait1, tips, wait2] = draft.steps;
    const edited = {
      ...draft,
      steps: [{ ...intro!, subject: "Hello there" } as typeof intro & object, tips!, wait1!, wait2!],
    };
    await saveDraft({ actorId: editor.id, sequenceId: seq.id, revision, draft: edited });
    const v2 = await publishVersion({ actorId: editor.id, sequenceId: seq.id, note: "second" });
    expect(v2).toMatchObject({ number: 2, created: true });

    const enrollment = await db().enrollment.findFirstOrThrow({ where: { contactId, sequenceId: seq.id } });
    expect(enrollment.sequenceVersionId).toBe(v1.versionId);
    const v1After = await db().sequenceVersion.findUniqueOrThrow({ where: { id: v1.versionId } });
    expect(v1After.content).toEqual(v1Before.content);
    expect(contentHash(versionContentSchema.parse(v1After.content))).toBe(v1.contentHash);
    expect(versionContentSchema.parse(v1After.content).steps.map((s) => s.key)).toEqual([
      "intro",
      "wait1",
      "tips",
      "wait2",
      "offer",
    ]);

    const [later] = await makeContacts(1);
    await enrollContacts({ actorId: editor.id, sequenceId: seq.id, contactIds: [later!] });
    expect((await db().enrollment.findFirstOrThrow({ where: { contactId: later } })).sequenceVersionId).toBe(
      v2.versionId,
    );
  });
});

describe("the database refuses to change a published version", () => {
  it("rejects raw UPDATE, DELETE and TRUNCATE on sequence_versions", async () => {
    const seq = await makeSequenceWithDraft(editor.id);
    const v1 = await publishVersion({ actorId: editor.id, sequenceId: seq.id, note: "immutable" });
    // The trigger holds even for the owner; the runtime role is refused earlier, by privilege (tests/runtime-role.test.ts).
    const client = new pg.Client({ connectionString: process.env.OWNER_DATABASE_URL });
    await client.connect();
    try {
      await expect(
        client.query("UPDATE sequence_versions SET note = 'changed' WHERE id = $1", [v1.versionId]),
      ).rejects.toThrow(/immutable/);
      await expect(client.query("DELETE FROM sequence_versions WHERE id = $1", [v1.versionId])).rejects.toThrow(
        /immutable/,
      );
      await expect(client.query("TRUNCATE sequence_versions CASCADE")).rejects.toThrow(/immutable/);
      const { rows } = await client.query("SELECT note FROM sequence_versions WHERE id = $1", [v1.versionId]);
      expect(rows[0].note).toBe("immutable");
    } finally {
      await client.end();
    }
  });
});

describe("publish", () => {
  it("returns the active version instead of a duplicate when the content is identical", async () => {
    const seq = await makeSequenceWithDraft(editor.id);
    const first = await publishVersion({ actorId: editor.id, sequenceId: seq.id, note: "one" });
    const again = await publishVersion({ actorId: editor.id, sequenceId: seq.id, note: "same again" });
    expect(again).toEqual({ ...first, created: false });
    expect(await db().sequenceVersion.count({ where: { sequenceId: seq.id } })).toBe(1);
  });

  it("refuses an invalid draft with per-step errors and creates nothing", async () => {
    const draft = fiveStepDraft();
    draft.steps[0] = { key: "intro", type: "email", subject: "", body: "Hi {{nick name}}" };
    const seq = await makeSequenceWithDraft(editor.id, draft);
    signInAs(editor);
    const result = await publishVersionAction({ sequenceId: seq.id, note: "bad" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const errors = (result.details as { draftErrors: { stepKey: string; field: string }[] }).draftErrors;
    expect(errors.map((e) => `${e.stepKey}.${e.field}`).sort()).toEqual(["intro.body", "intro.subject"]);
    expect(await db().sequenceVersion.count({ where: { sequenceId: seq.id } })).toBe(0);
  });

  it("gives fifty concurrent publishes of changing drafts consecutive numbers, no duplicates, no gaps", async () => {
    const seq = await makeSequenceWithDraft(editor.id);
    // A test-only trigger edits the draft every time a version of this sequence is inserted, so
    // each of the fifty publishes, whichever order the row lock lets them in, finds content that
    // differs from the active version and must mint the next number.
    const admin = new pg.Client({ connectionString: process.env.OWNER_DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE OR REPLACE FUNCTION test_bump_draft() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.sequence_id = '${seq.id}'::uuid THEN
          UPDATE sequences SET draft = jsonb_set(draft, '{steps,4,subject}', to_jsonb('Offer after v' || NEW.number)) WHERE id = NEW.sequence_id;
        END IF;
        RETURN NULL;
      END $$`);
    await admin.query(
      "CREATE TRIGGER test_bump_draft AFTER INSERT ON sequence_versions FOR EACH ROW EXECUTE FUNCTION test_bump_draft()",
    );
    let results: Awaited<ReturnType<typeof publishVersion>>[];
    try {
      results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => publishVersion({ actorId: editor.id, sequenceId: seq.id, note: `p${i}` })),
      );
    } finally {
      await admin.query("DROP TRIGGER IF EXISTS test_bump_draft ON sequence_versions");
      await admin.end();
    }
    const numbers = (
      await db().sequenceVersion.findMany({
        where: { sequenceId: seq.id },
        select: { number: true },
        orderBy: { number: "asc" },
      })
    ).map((v) => v.number);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(results.every((r) => r.created)).toBe(true);
    expect(results.map((r) => r.number).sort((a, b) => a - b)).toEqual(numbers);
    const active = await db().sequence.findUniqueOrThrow({
      where: { id: seq.id },
      select: { activeVersion: { select: { number: true } } },
    });
    expect(active.activeVersion?.number).toBe(50);
  });

  it("writes the audit row with the version", async () => {
    const seq = await makeSequenceWithDraft(editor.id);
    const v = await publishVersion({ actorId: editor.id, sequenceId: seq.id, note: "audited" });
    const audit = await db().auditLog.findFirstOrThrow({ where: { entityId: seq.id, action: "sequence.publish" } });
    expect(audit.actorId).toBe(editor.id);
    expect(audit.detail).toMatchObject({ versionId: v.versionId, number: 1, note: "audited" });
  });
});

describe("save draft", () => {
  it("refuses a stale revision with a conflict naming who saved, and keeps the stored draft", async () => {
    const seq = await makeSequenceWithDraft(editor.id);
    signInAs(editor);
    const stored = await currentDraft(seq.id);
    const first = await saveDraftAction({
      sequenceId: seq.id,
      revision: stored.revision,
      draft: { ...stored.draft, steps: stored.draft.steps.slice(0, 3) },
    });
    expect(first.ok).toBe(true);
    const stale = await saveDraftAction({
      sequenceId: seq.id,
      revision: stored.revision,
      draft: { ...stored.draft, steps: [] },
    });
    expect(stale).toMatchObject({ ok: false, code: "conflict" });
    if (!stale.ok) expect(stale.error).toContain(editor.name);
    const after = await currentDraft(seq.id);
    expect(after.draft.steps.map((s) => s.key)).toEqual(["intro", "wait1", "tips"]);
    expect(after.revision).toBe(stored.revision + 1);
  });

  it("refuses malformed and oversize drafts at the boundary and stores nothing", async () => {
    const seq = await makeSequenceWithDraft(editor.id);
    signInAs(editor);
    const before = await currentDraft(seq.id);
    const tooMany = {
      steps: Array.from({ length: 501 }, (_, i) => ({ key: `k${i}`, type: "sms" as const, body: "x" })),
      settings: before.draft.settings,
    };
    expect(await saveDraftAction({ sequenceId: seq.id, revision: before.revision, draft: tooMany })).toMatchObject({
      ok: false,
      code: "invalid",
    });
    const unknownType = {
      steps: [{ key: "a", type: "fax", body: "x" }],
      settings: before.draft.settings,
    } as unknown as typeof tooMany;
    expect(await saveDraftAction({ sequenceId: seq.id, revision: before.revision, draft: unknownType })).toMatchObject({
      ok: false,
      code: "invalid",
    });
    expect(await currentDraft(seq.id)).toEqual(before);
  });
});

describe("restore", () => {
  it("copies an old version into the draft without touching the version", async () => {
    const seq = await makeSequenceWithDraft(editor.id);
    const v1 = await publishVersion({ actorId: editor.id, sequenceId: seq.id, note: "v1" });
    const { draft, revision } = await currentDraft(seq.id);
    await saveDraft({
      actorId: editor.id,
      sequenceId: seq.id,
      revision,
      draft: { ...draft, steps: draft.steps.slice(0, 1) },
    });
    await publishVersion({ actorId: editor.id, sequenceId: seq.id, note: "v2" });
    signInAs(editor);
    const restored = await restoreVersionAction({ sequenceId: seq.id, versionId: v1.versionId });
    expect(restored).toMatchObject({ ok: true, data: { number: 1 } });
    expect((await currentDraft(seq.id)).draft.steps.map((s) => s.key)).toEqual([
      "intro",
      "wait1",
      "tips",
      "wait2",
      "offer",
    ]);
    // Rollback = restore then publish: identical content to v1 but a new number.
    const v3 = await publishVersion({ actorId: editor.id, sequenceId: seq.id, note: "rollback" });
    expect(v3).toMatchObject({ number: 3, contentHash: v1.contentHash, created: true });
  });
});

describe("enroll", () => {
  it("pins 10,000 contacts in one call to the active version and skips with reasons", async () => {
    const seq = await makeSequenceWithDraft(editor.id);
    const v1 = await publishVersion({ actorId: editor.id, sequenceId: seq.id, note: "bulk" });
    const ids = await makeContacts(10_000, "bulk");
    const unsubscribed = ids.slice(0, 50);
    await db().contact.updateMany({ where: { id: { in: unsubscribed } }, data: { unsubscribedAt: new Date() } });
    await enrollContacts({ actorId: editor.id, sequenceId: seq.id, contactIds: ids.slice(50, 150) }); // already enrolled
    const missing = "00000000-0000-4000-8000-000000000000";
    signInAs(editor);
    const result = await enrollContactsAction({ sequenceId: seq.id, contactIds: [...ids, ids[200]!, missing] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data).toMatchObject({
      requested: 10_002,
      enrolled: 9_850,
      versionNumber: 1,
      skipped: { unsubscribed: 50, alreadyEnrolled: 100, duplicate: 1, notFound: 1 },
    });
    const pinned = await db().enrollment.groupBy({
      by: ["sequenceVersionId"],
      where: { sequenceId: seq.id },
      _count: true,
    });
    expect(pinned).toEqual([{ sequenceVersionId: v1.versionId, _count: 9_950 }]);
    expect(await db().enrollmentEvent.count({ where: { type: "enrolled", enrollment: { sequenceId: seq.id } } })).toBe(
      9_950,
    );
  });

  it("refuses a sequence that was never published, and an archived one", async () => {
    signInAs(editor);
    const created = await createSequenceAction({ name: "Never published" });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const [contact] = await makeContacts(1);
    const never = await enrollContactsAction({ sequenceId: created.data.id, contactIds: [contact!] });
    expect(never).toMatchObject({ ok: false, code: "conflict" });
    if (!never.ok) expect(never.error).toMatch(/never been published/);

    const seq = await makeSequenceWithDraft(editor.id);
    await publishVersion({ actorId: editor.id, sequenceId: seq.id, note: "x" });
    await enrollContacts({ actorId: editor.id, sequenceId: seq.id, contactIds: [contact!] });
    expect(await archiveSequenceAction({ sequenceId: seq.id })).toMatchObject({ ok: true });
    const [other] = await makeContacts(1);
    const archived = await enrollContactsAction({ sequenceId: seq.id, contactIds: [other!] });
    expect(archived).toMatchObject({ ok: false, code: "conflict" });
    // In-flight enrollments continue after archiving.
    expect((await db().enrollment.findFirstOrThrow({ where: { contactId: contact, sequenceId: seq.id } })).status).toBe(
      "active",
    );
  });
});

describe("roles", () => {
  it("refuses viewers every mutation and changes nothing", async () => {
    const seq = await makeSequenceWithDraft(editor.id);
    signInAs(viewer);
    const before = await currentDraft(seq.id);
    expect(await publishVersionAction({ sequenceId: seq.id, note: "nope" })).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    expect(
      await saveDraftAction({ sequenceId: seq.id, revision: before.revision, draft: { ...before.draft, steps: [] } }),
    ).toMatchObject({ ok: false, code: "forbidden" });
    expect(await archiveSequenceAction({ sequenceId: seq.id })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await createSequenceAction({ name: "x" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await db().sequenceVersion.count({ where: { sequenceId: seq.id } })).toBe(0);
    expect(await currentDraft(seq.id)).toEqual(before);
  });
});
