// Scheduled publish: refused in the past, cancelled by a draft change (with the reason), failed with
// the reason when publishVersion refuses, and published exactly once however many workers try.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAs } from "./support/session";
import { cancelScheduledPublishAction, schedulePublishAction } from "@/lib/actions/scheduled-publish";
import { utcToLocalInput } from "@/lib/domain/local-time";
import { ARCHIVED_REASON, DRAFT_CHANGED_REASON } from "@/lib/domain/scheduled-publish";
import { db } from "@/lib/server/db";
import { queueScheduledPublishJob } from "@/lib/server/scheduled-publish/schedule-jobs";
import { runScheduledPublish, sweepDueSchedules } from "@/lib/server/scheduled-publish/run-scheduled-publish";
import { archiveSequence } from "@/lib/server/sequences/archive-sequence";
import { publishVersion } from "@/lib/server/sequences/publish-version";
import { saveDraft } from "@/lib/server/sequences/save-draft";
import type { SessionUser } from "@/lib/server/session";
import { makeUser } from "./support/factories";
import { spawnWorker, waitFor } from "./support/runner-process";
import { currentDraft, fiveStepDraft, makeSequenceWithDraft } from "./support/sequences";

let editor: SessionUser;
beforeAll(async () => {
  editor = await makeUser("editor");
  signInAs(editor);
});
afterAll(async () => {
  await db().$disconnect();
});

/** The editor's display zone is the organisation's (UTC unless a test changed it). */
async function zone(): Promise<string> {
  const user = await db().user.findUniqueOrThrow({ where: { id: editor.id }, select: { timeZone: true } });
  const org = await db().organizationSettings.findUnique({ where: { id: true }, select: { timeZone: true } });
  return user.timeZone ?? org?.timeZone ?? "UTC";
}

/** A sequence with v1 published and a changed draft (a new subject) waiting to be published. */
async function sequenceWithChangedDraft() {
  const seq = await makeSequenceWithDraft(editor.id);
  await publishVersion({ actorId: editor.id, sequenceId: seq.id, note: "v1" });
  const draft = fiveStepDraft();
  draft.steps[0] = { ...draft.steps[0]!, subject: "A warmer welcome, {{first_name}}" } as (typeof draft.steps)[number];
  const { revision } = await saveDraft({ actorId: editor.id, sequenceId: seq.id, revision: seq.revision, draft });
  return { id: seq.id, revision, draft };
}

async function schedule(sequenceId: string, revision: number, at: Date, note = "") {
  const result = await schedulePublishAction({
    sequenceId,
    revision,
    localTime: utcToLocalInput(at, await zone()),
    note,
  });
  if (!result.ok) throw new Error(result.error);
  return result.data.scheduleId;
}

/** Makes a schedule due now (the action refuses a past time, so tests move it afterwards). */
async function makeDue(scheduleId: string) {
  await db()
    .$executeRaw`UPDATE scheduled_publishes SET publish_at = now() - interval '1 second' WHERE id = ${scheduleId}::uuid`;
}

/** The next July 1st (in summer time in New York), within the 366 days a schedule may look ahead. */
function nextJuly(): number {
  const now = new Date();
  const year = now.getUTCFullYear();
  return Date.UTC(year, 6, 1) > now.getTime() ? year : year + 1;
}

const versionCount = (sequenceId: string) => db().sequenceVersion.count({ where: { sequenceId } });

describe("scheduled publish", () => {
  it("refuses a time in the past and writes nothing", async () => {
    const seq = await sequenceWithChangedDraft();
    const before = await db().scheduledPublish.count();
    const result = await schedulePublishAction({
      sequenceId: seq.id,
      revision: seq.revision,
      localTime: utcToLocalInput(new Date(Date.now() - 60_000), await zone()),
      note: "",
    });
    expect(result).toMatchObject({ ok: false, code: "invalid" });
    if (!result.ok) expect(result.error).toMatch(/in the past/);
    expect(await db().scheduledPublish.count()).toBe(before);
  });

  it("stores the chosen wall-clock time in UTC, refuses a second open schedule and a stale revision", async () => {
    const seq = await sequenceWithChangedDraft();
    await db().user.update({ where: { id: editor.id }, data: { timeZone: "America/New_York" } });
    try {
      const result = await schedulePublishAction({
        sequenceId: seq.id,
        revision: seq.revision,
        localTime: `${nextJuly()}-07-01T09:30`,
        note: "summer",
      });
      if (!result.ok) throw new Error(result.error);
      expect(result.data).toMatchObject({
        publishAt: `${nextJuly()}-07-01T13:30:00.000Z`,
        timeZone: "America/New_York",
      });
      const again = await schedulePublishAction({
        sequenceId: seq.id,
        revision: seq.revision,
        localTime: `${nextJuly()}-07-02T09:30`,
        note: "",
      });
      expect(again).toMatchObject({ ok: false, code: "conflict" });
      const stale = await schedulePublishAction({
        sequenceId: seq.id,
        revision: seq.revision - 1,
        localTime: `${nextJuly()}-07-02T09:30`,
        note: "",
      });
      expect(stale).toMatchObject({ ok: false, code: "conflict" });
      // Cancelled by a person: the reason names them; a second cancel is refused.
      expect(await cancelScheduledPublishAction({ scheduleId: result.data.scheduleId, sequenceId: seq.id })).toEqual({
        ok: true,
        data: { cancelled: true },
      });
      const row = await db().scheduledPublish.findUniqueOrThrow({ where: { id: result.data.scheduleId } });
      expect(row).toMatchObject({
        status: "cancelled",
        reason: `Cancelled by ${editor.name}.`,
        cancelledById: editor.id,
      });
      expect(await cancelScheduledPublishAction({ scheduleId: row.id, sequenceId: seq.id })).toMatchObject({
        ok: false,
        code: "conflict",
      });
      const audit = await db().auditLog.findMany({ where: { entityId: seq.id }, select: { action: true } });
      expect(audit.map((a) => a.action)).toEqual(
        expect.arrayContaining(["sequence.schedule_publish", "sequence.cancel_scheduled_publish"]),
      );
    } finally {
      await db().user.update({ where: { id: editor.id }, data: { timeZone: null } });
    }
  });

  it("a draft change cancels the schedule with a visible reason; an edit undone keeps it", async () => {
    const seq = await sequenceWithChangedDraft();
    const id = await schedule(seq.id, seq.revision, new Date(Date.now() + 86_400_000));
    // Saving the same content again (an edit undone) keeps it, bound to the new revision.
    const same = await saveDraft({ actorId: editor.id, sequenceId: seq.id, revision: seq.revision, draft: seq.draft });
    expect(await db().scheduledPublish.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "scheduled",
      draftRevision: same.revision,
    });
    const changed = structuredClone(seq.draft);
    changed.steps[2] = { ...changed.steps[2]!, subject: "Four tips" } as (typeof changed.steps)[number];
    await saveDraft({ actorId: editor.id, sequenceId: seq.id, revision: same.revision, draft: changed });
    const row = await db().scheduledPublish.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "cancelled", reason: DRAFT_CHANGED_REASON });
    expect(row.finishedAt).not.toBeNull();
    // Its job is gone, and running it anyway publishes nothing.
    await makeDue(id);
    expect(await runScheduledPublish({ scheduleId: id })).toEqual({ outcome: "skipped" });
    expect(await versionCount(seq.id)).toBe(1);
  });

  it("archiving the sequence cancels its open schedule with the reason; running it anyway publishes nothing", async () => {
    const seq = await sequenceWithChangedDraft();
    const id = await schedule(seq.id, seq.revision, new Date(Date.now() + 86_400_000));
    await archiveSequence({ actorId: editor.id, sequenceId: seq.id });
    const row = await db().scheduledPublish.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "cancelled", reason: ARCHIVED_REASON });
    expect(row.finishedAt).not.toBeNull();
    const audit = await db().auditLog.findMany({
      where: { entityId: seq.id, action: "sequence.cancel_scheduled_publish" },
    });
    expect(audit.map((a) => a.summary)).toEqual([expect.stringMatching(/was archived/)]);
    await makeDue(id);
    expect(await runScheduledPublish({ scheduleId: id })).toEqual({ outcome: "skipped" });
    expect(await versionCount(seq.id)).toBe(1);
  });

  it("a refusal by publishVersion (archived behind the schedule's back) ends it as failed with the reason", async () => {
    const seq = await sequenceWithChangedDraft();
    const id = await schedule(seq.id, seq.revision, new Date(Date.now() + 86_400_000));
    // Archived by a path that does not cancel schedules (a hand-made UPDATE): the run still refuses.
    await db().$executeRaw`UPDATE sequences SET status = 'archived', archived_at = now() WHERE id = ${seq.id}::uuid`;
    await makeDue(id);
    const outcome = await runScheduledPublish({ scheduleId: id });
    expect(outcome).toMatchObject({ outcome: "failed", reason: expect.stringMatching(/archived/) });
    expect(await db().scheduledPublish.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "failed",
      reason: expect.stringMatching(/archived/),
    });
    expect(await versionCount(seq.id)).toBe(1);
  });

  it("many runners at once on separate connections: each due schedule publishes exactly once", async () => {
    const seqs = await Promise.all([1, 2, 3].map(() => sequenceWithChangedDraft()));
    const ids: string[] = [];
    for (const seq of seqs) ids.push(await schedule(seq.id, seq.revision, new Date(Date.now() + 3_600_000)));
    for (const id of ids) await makeDue(id);
    const results = await Promise.all([
      sweepDueSchedules(),
      sweepDueSchedules(),
      ...ids.flatMap((scheduleId) => [runScheduledPublish({ scheduleId }), runScheduledPublish({ scheduleId })]),
    ]);
    const published = results.flat().filter((r) => r.outcome === "published");
    expect(published).toHaveLength(3);
    for (const [i, seq] of seqs.entries()) {
      expect(await versionCount(seq.id)).toBe(2);
      const row = await db().scheduledPublish.findUniqueOrThrow({ where: { id: ids[i]! } });
      const v2 = await db().sequenceVersion.findFirstOrThrow({ where: { sequenceId: seq.id, number: 2 } });
      expect(row).toMatchObject({ status: "published", publishedVersionId: v2.id });
      expect(v2.contentHash).toBe(row.contentHash);
      expect(await db().auditLog.count({ where: { entityId: seq.id, action: "sequence.publish" } })).toBe(2);
      expect(await db().auditLog.count({ where: { entityId: seq.id, action: "sequence.scheduled_publish_run" } })).toBe(
        1,
      );
    }
  });

  it("two worker processes: the schedule publishes exactly once at its time", async () => {
    const seq = await sequenceWithChangedDraft();
    const publishAt = new Date(Math.ceil((Date.now() + 70_000) / 60_000) * 60_000);
    const id = await schedule(seq.id, seq.revision, publishAt, "two workers");
    // The job and the sweeps race: bring the time forward to now + 2 s (the job follows it).
    const runAt = new Date(Date.now() + 2_000);
    await db().$executeRaw`UPDATE scheduled_publishes SET publish_at = ${runAt} WHERE id = ${id}::uuid`;
    await db().$transaction((tx) => queueScheduledPublishJob(tx, id, runAt)); // same job key: replaces the job
    const env = { SCHEDULED_PUBLISH_SWEEP_MS: "200", WORKER_POLL_MS: "200", WORKER_HEARTBEAT_MS: "60000" };
    const workers = [spawnWorker(env), spawnWorker(env)];
    try {
      const row = await waitFor(
        () => db().scheduledPublish.findUniqueOrThrow({ where: { id } }),
        (r) => r.status !== "scheduled",
        { timeoutMs: 45_000, intervalMs: 200, what: "the scheduled publish" },
      );
      expect(row.status).toBe("published");
      // Let both keep sweeping a little longer: nothing more happens.
      await new Promise((r) => setTimeout(r, 1_500));
      expect(await versionCount(seq.id)).toBe(2);
      expect(await db().auditLog.count({ where: { entityId: seq.id, action: "sequence.scheduled_publish_run" } })).toBe(
        1,
      );
      const v2 = await db().sequenceVersion.findFirstOrThrow({ where: { sequenceId: seq.id, number: 2 } });
      expect(v2).toMatchObject({ note: "two workers", publishedById: editor.id, contentHash: row.contentHash });
    } finally {
      for (const w of workers) w.child.kill("SIGTERM");
      await Promise.all(workers.map((w) => w.exited));
    }
  });

  it("the draft the schedule was bound to is the one published, not a later one (hash check)", async () => {
    const seq = await sequenceWithChangedDraft();
    const id = await schedule(seq.id, seq.revision, new Date(Date.now() + 3_600_000));
    const { revision } = await currentDraft(seq.id);
    // A write that bypasses save-draft (no cancel): the worker still refuses to publish other content.
    await db().$executeRaw`UPDATE sequences SET draft_revision = ${revision + 1} WHERE id = ${seq.id}::uuid`;
    await makeDue(id);
    expect(await runScheduledPublish({ scheduleId: id })).toEqual({
      outcome: "cancelled",
      reason: DRAFT_CHANGED_REASON,
    });
    expect(await versionCount(seq.id)).toBe(1);
  });
});
