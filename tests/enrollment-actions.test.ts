// Pause, resume, unenroll, reply, unsubscribe and task completion, each through its server
// action (real session role check, zod parse, service, transaction), plus the runner's view.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
// First: its vi.mock of next-auth must be registered before the actions load.
import { signInAs } from "./support/session";
import {
  completeTaskAction,
  pauseEnrollmentAction,
  recordReplyAction,
  resumeEnrollmentAction,
  unenrollAction,
  unsubscribeContactAction,
} from "@/lib/actions/enrollments";
import type { StepInput } from "@/lib/domain/steps";
import { drainDue, runDueBatch } from "@/lib/engine/run-batch";
import { db } from "@/lib/server/db";
import { completeTask } from "@/lib/server/enrollments/complete-task";
import { findEnrollmentDetail } from "@/lib/server/enrollment-views/find-enrollment-detail";
import { makeUser } from "./support/factories";
import { createContacts, createSequenceWithVersion, DAY, enroll, testPool, timeline } from "./support/runner-fixtures";

const pool = testPool();
afterAll(async () => {
  await pool.end();
  await db().$disconnect();
});

// The runner only ever claims this file's sequences (scope), so any fixed time works.
const T0 = new Date("2010-05-03T09:00:00.000Z");
const STEPS: StepInput[] = [
  { key: "e1", type: "email", subject: "Hi {{first_name}}", body: "Hello" },
  { key: "w1", type: "wait", amount: 2, unit: "days" },
  { key: "e2", type: "email", subject: "Again", body: "Hello again" },
];

const mine: string[] = [];
const scope = { sequenceIds: mine };

async function enrolled(
  options: {
    steps?: StepInput[];
    settings?: { exitOnReply?: boolean; exitOnUnsubscribe?: boolean };
    contactId?: string;
    at?: Date;
  } = {},
) {
  const steps = options.steps ?? STEPS;
  const { sequenceId, versionId } = await createSequenceWithVersion(pool, steps, options.settings);
  mine.push(sequenceId);
  const contactId = options.contactId ?? (await createContacts(pool, 1))[0]!;
  const [id] = await enroll(pool, { sequenceId, versionId, contactIds: [contactId], at: options.at ?? T0 });
  return { id: id!, contactId, sequenceId };
}

const row = (id: string) => db().enrollment.findUniqueOrThrow({ where: { id } });
const types = async (id: string) => (await timeline(pool, id)).map((e) => e.type);
const audits = (entityId: string) => db().auditLog.findMany({ where: { entityId }, orderBy: { at: "asc" } });

describe("enrollment actions", () => {
  beforeEach(async () => signInAs(await makeUser("editor")));

  it("pause: a paused enrollment is not claimed even when due; the event and audit row are written", async () => {
    const { id } = await enrolled();
    const result = await pauseEnrollmentAction({ enrollmentId: id });
    expect(result).toMatchObject({ ok: true, data: { status: "paused" } });
    await drainDue({ pool, scope, now: new Date(T0.getTime() + DAY) });
    expect(await row(id)).toMatchObject({ status: "paused", currentStepIndex: 0, nextRunAt: T0 });
    expect(await types(id)).toEqual(["enrolled", "paused"]);
    expect((await audits(id)).map((a) => a.action)).toEqual(["enrollment.pause"]);
    expect(await pauseEnrollmentAction({ enrollmentId: id })).toMatchObject({ ok: false, code: "conflict" });
  });

  it("resume: due at max(now, next_run_at) and then claimed", async () => {
    const past = await enrolled();
    await pauseEnrollmentAction({ enrollmentId: past.id });
    const before = Date.now();
    expect(await resumeEnrollmentAction({ enrollmentId: past.id })).toMatchObject({
      ok: true,
      data: { status: "active" },
    });
    const resumed = await row(past.id);
    expect(resumed.status).toBe("active");
    expect(resumed.nextRunAt!.getTime()).toBeGreaterThanOrEqual(before);
    expect(resumed.nextRunAt!.getTime()).toBeLessThanOrEqual(Date.now());

    const futureDue = new Date(Date.now() + 3 * DAY);
    // Enrolled now and waiting until three days from now (as after a wait step).
    const future = await enrolled({ at: new Date() });
    await db().enrollment.update({ where: { id: future.id }, data: { nextRunAt: futureDue } });
    await pauseEnrollmentAction({ enrollmentId: future.id });
    await resumeEnrollmentAction({ enrollmentId: future.id });
    expect((await row(future.id)).nextRunAt).toEqual(futureDue);
    expect(await types(future.id)).toEqual(["enrolled", "paused", "resumed"]);

    // The resumed one is due now: the runner picks it up (drained a little in the future).
    await drainDue({ pool, scope, now: new Date(Date.now() + 1000) });
    expect(await row(past.id)).toMatchObject({ status: "active", currentStepIndex: 2 });
    expect(await row(future.id)).toMatchObject({ currentStepIndex: 0 });
    await unenrollAction({ enrollmentId: future.id });
  });

  it("unenroll: exits with reason unenrolled, finished, and refuses a second time", async () => {
    const { id } = await enrolled();
    expect(await unenrollAction({ enrollmentId: id })).toMatchObject({ ok: true, data: { status: "exited" } });
    const after = await row(id);
    expect(after).toMatchObject({ status: "exited", exitReason: "unenrolled", nextRunAt: null });
    expect(after.finishedAt).not.toBeNull();
    expect(await types(id)).toEqual(["enrolled", "exited"]);
    expect(await unenrollAction({ enrollmentId: id })).toMatchObject({ ok: false, code: "conflict" });
    await drainDue({ pool, scope, now: new Date(T0.getTime() + DAY) });
    expect(await db().message.count({ where: { enrollmentId: id } })).toBe(0);
  });

  it("reply: exits enrollments whose version has exitOnReply, keeps (and records on) the others", async () => {
    const exits = await enrolled({ settings: { exitOnReply: true } });
    const stays = await enrolled({ settings: { exitOnReply: false }, contactId: exits.contactId });
    const result = await recordReplyAction({ contactId: exits.contactId });
    expect(result).toMatchObject({ ok: true, data: { exited: [exits.id], kept: [stays.id] } });
    expect(await row(exits.id)).toMatchObject({ status: "exited", exitReason: "replied" });
    expect(await row(stays.id)).toMatchObject({ status: "active", exitReason: null });
    expect(await types(exits.id)).toEqual(["enrolled", "replied", "exited"]);
    expect(await types(stays.id)).toEqual(["enrolled", "replied"]);
    expect((await audits(exits.contactId)).map((a) => a.action)).toEqual(["contact.reply"]);
    await unenrollAction({ enrollmentId: stays.id });
  });

  it("unsubscribe: sets unsubscribed_at and exits active and paused enrollments (exitOnUnsubscribe), keeps the others", async () => {
    const active = await enrolled();
    const paused = await enrolled({ contactId: active.contactId });
    await pauseEnrollmentAction({ enrollmentId: paused.id });
    const keeps = await enrolled({ contactId: active.contactId, settings: { exitOnUnsubscribe: false } });
    const result = await unsubscribeContactAction({ contactId: active.contactId });
    expect(result.ok).toBe(true);
    expect((await db().contact.findUniqueOrThrow({ where: { id: active.contactId } })).unsubscribedAt).not.toBeNull();
    expect(await row(active.id)).toMatchObject({ status: "exited", exitReason: "unsubscribed" });
    expect(await row(paused.id)).toMatchObject({ status: "exited", exitReason: "unsubscribed" });
    expect(await row(keeps.id)).toMatchObject({ status: "active" });
    expect(await types(paused.id)).toEqual(["enrolled", "paused", "unsubscribed", "exited"]);
    expect((await audits(active.contactId)).map((a) => a.action)).toEqual(["contact.unsubscribe"]);
    await unenrollAction({ enrollmentId: keeps.id });
  });

  it("the runner exits instead of sending when the contact is already unsubscribed at execution time", async () => {
    const { id, contactId } = await enrolled();
    await db().contact.update({ where: { id: contactId }, data: { unsubscribedAt: T0 } });
    await drainDue({ pool, scope, now: T0 });
    expect(await row(id)).toMatchObject({ status: "exited", exitReason: "unsubscribed" });
    expect(await db().message.count({ where: { enrollmentId: id } })).toBe(0);
  });

  it("task completion: the enrollment waits on its task, completing it makes it due now, then it runs on", async () => {
    const { id } = await enrolled({
      steps: [
        { key: "t1", type: "task", title: "Call them", note: "" },
        { key: "e1", type: "email", subject: "After the call", body: "Hi" },
      ],
    });
    await runDueBatch({ pool, scope, now: T0 });
    expect(await row(id)).toMatchObject({ status: "active", currentStepIndex: 1, nextRunAt: null });
    const task = await db().task.findFirstOrThrow({ where: { enrollmentId: id } });
    expect(task).toMatchObject({ title: "Call them", stepKey: "t1", executionKey: "0:t1", completedAt: null });
    await drainDue({ pool, scope, now: new Date(T0.getTime() + 30 * DAY) });
    expect(await row(id)).toMatchObject({ currentStepIndex: 1, nextRunAt: null });

    const before = Date.now();
    expect(await completeTaskAction({ taskId: task.id })).toMatchObject({ ok: true, data: { unblocked: true } });
    expect((await row(id)).nextRunAt!.getTime()).toBeGreaterThanOrEqual(before);
    expect((await db().task.findUniqueOrThrow({ where: { id: task.id } })).completedAt).not.toBeNull();
    expect(await completeTaskAction({ taskId: task.id })).toMatchObject({ ok: false, code: "conflict" });

    await drainDue({ pool, scope, now: new Date(Date.now() + 1000) });
    expect(await row(id)).toMatchObject({ status: "completed" });
    expect(await types(id)).toEqual([
      "enrolled",
      "step_executed",
      "task_created",
      "task_completed",
      "step_executed",
      "completed",
    ]);
  });

  it("a completed task's event is the task's own step, and the step list shows it done at completion time", async () => {
    const steps: StepInput[] = [
      { key: "t1", type: "task", title: "Call them", note: "" },
      { key: "w1", type: "wait", amount: 1, unit: "days" },
      { key: "e1", type: "email", subject: "After the call", body: "Hi" },
    ];
    const { id } = await enrolled({ steps });
    await runDueBatch({ pool, scope, now: T0 });
    const task = await db().task.findFirstOrThrow({ where: { enrollmentId: id } });
    const completedAt = new Date(T0.getTime() + 3 * DAY);
    await completeTask({ actorId: null, taskId: task.id, now: completedAt });
    // The runner then moves on to the wait: the enrollment now stands after the task.
    await runDueBatch({ pool, scope, now: completedAt });
    expect(await row(id)).toMatchObject({ currentStepKey: "e1", currentStepIndex: 2 });

    const completed = (await timeline(pool, id)).filter((e) => e.type === "task_completed");
    expect(completed).toEqual([
      expect.objectContaining({
        step_key: "t1",
        step_index: 0,
        sequence_version_id: task.sequenceVersionId,
        at: completedAt,
      }),
    ]);

    const detail = await findEnrollmentDetail(id, completedAt);
    const taskStep = detail!.steps.find((s) => s.step.key === "t1");
    expect(taskStep).toMatchObject({ state: "done", executedAt: completedAt });
    const entry = detail!.timeline.find((e) => e.type === "task_completed");
    expect(entry).toMatchObject({ stepKey: "t1", step: { type: "task", title: "Call them" } });
  });

  it("refuses a viewer for every action and changes nothing; rejects ids that are not UUIDs", async () => {
    const { id, contactId } = await enrolled();
    await runDueBatch({ pool, scope, now: T0 });
    signInAs(await makeUser("viewer"));
    const calls = [
      pauseEnrollmentAction({ enrollmentId: id }),
      resumeEnrollmentAction({ enrollmentId: id }),
      unenrollAction({ enrollmentId: id }),
      recordReplyAction({ contactId }),
      unsubscribeContactAction({ contactId }),
      completeTaskAction({ taskId: id }),
    ];
    for (const result of await Promise.all(calls)) expect(result).toMatchObject({ ok: false, code: "forbidden" });
    expect(await row(id)).toMatchObject({ status: "active" });
    expect((await db().contact.findUniqueOrThrow({ where: { id: contactId } })).unsubscribedAt).toBeNull();

    signInAs(await makeUser("editor"));
    expect(await pauseEnrollmentAction({ enrollmentId: "not-a-uuid" })).toMatchObject({ ok: false, code: "invalid" });
    expect(await completeTaskAction({ taskId: "00000000-0000-4000-8000-000000000000" })).toMatchObject({
      ok: false,
      code: "not_found",
    });
    await unenrollAction({ enrollmentId: id });
  });
});
