// The operator's reads: enrollment list filters and keyset pages, per-version counts, the detail
// (pinned version, done/current/upcoming with expected dates, timeline with message previews,
// "versions behind"), the mailbox and open tasks, on a real runner pass scoped to this file's
// sequences.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// First: its vi.mock of next-auth must be registered before the route handler loads.
import { signInAs } from "./support/session";
import { POST as advanceRoute } from "@/app/api/test/advance/route";
import type { DraftContent } from "@/lib/domain/draft";
import { drainDue } from "@/lib/engine/run-batch";
import { groupTimeline } from "@/components/enrollments/timeline-groups";
import { findEnrollmentDetail } from "@/lib/server/enrollment-views/find-enrollment-detail";
import { findMessage } from "@/lib/server/enrollment-views/find-message";
import { listEnrollments } from "@/lib/server/enrollment-views/list-enrollments";
import { listMessages } from "@/lib/server/enrollment-views/list-messages";
import { listTasks } from "@/lib/server/enrollment-views/list-open-tasks";
import { NO_TASK_FILTERS } from "@/lib/domain/tasks";
import { stepStates } from "@/lib/domain/step-states";
import { versionCounts } from "@/lib/server/enrollment-views/version-counts";
import { completeTask } from "@/lib/server/enrollments/complete-task";
import { enrollContacts } from "@/lib/server/sequences/enroll-contacts";
import { publishVersion } from "@/lib/server/sequences/publish-version";
import { saveDraft } from "@/lib/server/sequences/save-draft";
import { makeUser } from "./support/factories";
import { DAY, HOUR, testPool } from "./support/runner-fixtures";
import { fiveStepDraft, makeContacts, makeSequenceWithDraft } from "./support/sequences";

const pool = testPool();
afterAll(() => pool.end());

const T0 = new Date("1985-03-04T09:00:00.000Z"); // a Monday

describe("enrollment views on a runner pass", () => {
  let sequenceId = "";
  let enrollmentIds: string[] = [];
  let v1Id = "";

  beforeAll(async () => {
    const editor = await makeUser("editor");
    const seq = await makeSequenceWithDraft(editor.id);
    sequenceId = seq.id;
    const v1 = await publishVersion({ actorId: editor.id, sequenceId, note: "v1" });
    v1Id = v1.versionId;
    const contacts = await makeContacts(3, "views");
    await enrollContacts({ actorId: editor.id, sequenceId, contactIds: contacts, now: T0 });
    await drainDue({ pool, now: T0, scope: { sequenceIds: [sequenceId] } });
    enrollmentIds = (await listEnrollments({ sequenceId, limit: 10 })).rows.map((r) => r.id);
    // v2 drops "tips": in-flight contacts stay on v1 and still have it ahead of them.
    const draft: DraftContent = { ...fiveStepDraft(), steps: fiveStepDraft().steps.filter((s) => s.key !== "tips") };
    await saveDraft({ actorId: editor.id, sequenceId, revision: seq.revision, draft });
    await publishVersion({ actorId: editor.id, sequenceId, note: "Drop the tips email" });
  });

  it("lists with filters and keyset pages, newest first", async () => {
    expect(enrollmentIds).toHaveLength(3);
    const first = await listEnrollments({ sequenceId, limit: 2 });
    expect(first.rows).toHaveLength(2);
    const second = await listEnrollments({ sequenceId, before: first.next, limit: 2 });
    expect(second.rows).toHaveLength(1);
    expect(second.next).toBeNull();
    expect([...first.rows, ...second.rows].map((r) => r.id)).toEqual([...enrollmentIds]);
    expect(first.rows[0]).toMatchObject({
      versionNumber: 1,
      activeVersionNumber: 2,
      status: "active",
      currentStepKey: "tips",
      stepCount: 5,
    });
    expect(
      (await listEnrollments({ sequenceId, versionId: v1Id, status: "active", stepKey: "tips", limit: 10 })).rows,
    ).toHaveLength(3);
    expect((await listEnrollments({ sequenceId, status: "paused", limit: 10 })).rows).toHaveLength(0);
    expect((await listEnrollments({ sequenceId, stepKey: "offer", limit: 10 })).rows).toHaveLength(0);
  });

  it("counts per version, with the active one marked, live for a sequence under the reuse limit", async () => {
    const { counts, ageMs } = await versionCounts(sequenceId);
    expect(counts.map((c) => [c.number, c.isActive, c.active])).toEqual([
      [1, false, 3],
      [2, true, 0],
    ]);
    expect(ageMs).toBeLessThan(1000);
    // Under LIVE_COUNT_LIMIT nothing is reused: a second read starts its own count.
    const again = await versionCounts(sequenceId);
    expect(again.counts).toEqual(counts);
    expect(again.ageMs).toBeLessThan(1000);
  });

  it("shows v1 pinned, one version behind, its executed steps, and v1's steps still upcoming with expected dates", async () => {
    const detail = await findEnrollmentDetail(enrollmentIds[0]!, new Date(T0.getTime() + HOUR));
    expect(detail).not.toBeNull();
    expect(detail!.pinned.number).toBe(1);
    expect(detail!.active?.number).toBe(2);
    expect(detail!.versionsBehind).toBe(1);
    expect(detail!.steps.map((s) => [s.step.key, s.state])).toEqual([
      ["intro", "done"],
      ["wait1", "current"],
      ["tips", "upcoming"],
      ["wait2", "upcoming"],
      ["offer", "upcoming"],
    ]);
    expect(detail!.steps[0]!.executedAt).toEqual(T0);
    expect(detail!.steps[1]!.expectedAt).toEqual(new Date(T0.getTime() + 2 * DAY));
    expect(detail!.steps[2]!.expectedAt).toEqual(new Date(T0.getTime() + 2 * DAY));
    expect(detail!.steps[4]!.expectedAt).toEqual(new Date(T0.getTime() + 5 * DAY));
    const executed = detail!.timeline.filter((e) => e.type === "step_executed");
    expect(executed.map((e) => [e.stepKey, e.versionNumber])).toEqual([
      ["wait1", 1],
      ["intro", 1],
    ]);
    expect(executed[1]!.message?.subject).toMatch(/^Welcome aboard, First\d$/);
    expect(detail!.timeline.at(-1)?.type).toBe("enrolled");
    // What was sent for the run step, merge fields filled in; nothing yet for the steps to come.
    expect(detail!.rendered.intro).toMatchObject({
      channel: "email",
      subject: expect.stringMatching(/^Welcome aboard, First\d$/),
      body: expect.stringMatching(/^Hi First\d, glad you are here\./),
    });
    expect(detail!.rendered.tips).toBeUndefined();
    // Grouped: the enrollment-level events first, then each step on its version, latest first.
    const groups = groupTimeline(detail!.timeline);
    expect(groups.map((g) => [g.key, g.stepIndex])).toEqual([
      ["enrollment", null],
      ["1:wait1", 1],
      ["1:intro", 0],
    ]);
    expect(groups[0]!.entries.map((e) => e.type)).toEqual(["enrolled"]);
    expect(groups.flatMap((g) => g.entries)).toHaveLength(detail!.timeline.length);
  });

  it("returns null for an unknown or malformed id", async () => {
    expect(await findEnrollmentDetail("not-a-uuid")).toBeNull();
    expect(await findEnrollmentDetail("00000000-0000-7000-8000-000000000000")).toBeNull();
  });

  it("lists the mailbox with sequence, version and step, and opens one message", async () => {
    const page = await listMessages({ sequenceId, limit: 10 });
    expect(page.rows).toHaveLength(3);
    expect(page.rows.every((m) => m.versionNumber === 1 && m.stepKey === "intro" && m.channel === "email")).toBe(true);
    const message = await findMessage(page.rows[0]!.id);
    expect(message).toMatchObject({ version: { number: 1 }, step: { index: 0 }, sequence: { id: sequenceId } });
    expect(message!.body).toMatch(/^Hi First\d, glad you are here\.\n\nUnsubscribe: http\S+\/u\/\S+$/);
    expect((await listMessages({ sequenceId, status: "failed", limit: 10 })).rows).toHaveLength(0);
  });

  it("shows each step's delivery next to it and filters the enrollments still delivering", async () => {
    const [sentId, failedId, queuedId] = enrollmentIds as [string, string, string];
    // What the delivery worker would have recorded (this file does not run a transport).
    await pool.query(
      `UPDATE messages SET status = 'sent', attempts = 1, sent_at = $2, next_attempt_at = NULL WHERE enrollment_id = $1`,
      [sentId, T0],
    );
    await pool.query(
      `UPDATE messages SET status = 'failed', attempts = 3, last_error = '550 mailbox unavailable', next_attempt_at = NULL WHERE enrollment_id = $1`,
      [failedId],
    );

    const delivering = await listEnrollments({ sequenceId, delivering: true, limit: 10 });
    expect(delivering.rows.map((r) => [r.id, r.pendingMessages])).toEqual([[queuedId, 1]]);
    const all = await listEnrollments({ sequenceId, limit: 10 });
    expect(new Map(all.rows.map((r) => [r.id, r.pendingMessages]))).toEqual(
      new Map([
        [sentId, 0],
        [failedId, 0],
        [queuedId, 1],
      ]),
    );
    // The filter combines with the others, and no other sequence's enrollments leak in.
    expect((await listEnrollments({ sequenceId, status: "paused", delivering: true, limit: 10 })).rows).toHaveLength(0);
    // Each row's queued count is one probe of the queued-by-enrollment index, not a walk over every
    // queued message of the table (messages_status_idx), whose cost grew with the queue.
    const plan = await pool.query<{ "QUERY PLAN": unknown }>(
      "EXPLAIN (FORMAT JSON) SELECT count(*) FROM messages m WHERE m.enrollment_id = $1 AND m.status = 'queued'",
      [queuedId],
    );
    const planText = JSON.stringify(plan.rows[0]!["QUERY PLAN"]);
    expect(planText).toContain('"Index Name":"messages_queued_by_enrollment"');

    const at = new Date(Date.now() + 60_000);
    const queued = await findEnrollmentDetail(queuedId, at);
    expect(queued!.pendingMessages).toBe(1);
    expect(Object.keys(queued!.deliveries)).toEqual(["intro"]);
    expect(queued!.deliveries.intro).toMatchObject({ status: "queued", attempts: 0, sentAt: null });
    expect(queued!.deliveries.intro!.queuedSeconds).toBeGreaterThanOrEqual(60);
    const sent = await findEnrollmentDetail(sentId, at);
    expect(sent!.pendingMessages).toBe(0);
    expect(sent!.deliveries.intro).toMatchObject({ status: "sent", attempts: 1, sentAt: T0, queuedSeconds: null });
    const failed = await findEnrollmentDetail(failedId, at);
    expect(failed!.deliveries.intro).toMatchObject({
      status: "failed",
      attempts: 3,
      lastError: "550 mailbox unavailable",
    });

    const mailbox = await listMessages({ sequenceId, status: "queued", limit: 10 });
    expect(mailbox.rows).toHaveLength(1);
    expect(mailbox.rows[0]!.queuedSeconds).toBeGreaterThanOrEqual(0);
    expect((await listMessages({ sequenceId, status: "sent", limit: 10 })).rows[0]!.queuedSeconds).toBeNull();
  });
});

describe("open tasks", () => {
  it("lists a task created by the runner until it is completed, which resumes its enrollment", async () => {
    const editor = await makeUser("editor");
    const draft: DraftContent = {
      steps: [
        { key: "call", type: "task", title: "Call them", note: "Ask about the trial" },
        { key: "thanks", type: "email", subject: "Thanks for the call", body: "Talk soon. {{unsubscribe_url}}" },
      ],
      settings: { exitOnReply: true, exitOnUnsubscribe: true },
    };
    const { id } = await makeSequenceWithDraft(editor.id, draft);
    await publishVersion({ actorId: editor.id, sequenceId: id, note: "v1" });
    const [contact] = await makeContacts(1, "task");
    const at = new Date(T0.getTime() + 10 * DAY);
    await enrollContacts({ actorId: editor.id, sequenceId: id, contactIds: [contact!], now: at });
    await drainDue({ pool, now: at, scope: { sequenceIds: [id] } });

    const mine = async () => {
      const filters = { ...NO_TASK_FILTERS, sequenceId: id };
      const page = await listTasks({ filters, userId: editor.id, now: at, limit: 100 });
      return page.rows;
    };
    const open = await mine();
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ title: "Call them", versionNumber: 1, enrollmentStatus: "active" });
    const detail = await findEnrollmentDetail(open[0]!.enrollmentId, at);
    expect(detail!.openTask?.title).toBe("Call them");
    expect(detail!.steps.map((s) => [s.step.key, s.state])).toEqual([
      ["call", "current"],
      ["thanks", "upcoming"],
    ]);
    const done = await completeTask({ actorId: editor.id, taskId: open[0]!.id, now: at });
    expect(done.unblocked).toBe(true);
    expect(await mine()).toHaveLength(0);
  });
});

describe("stepStates", () => {
  const steps = fiveStepDraft().steps as Parameters<typeof stepStates>[0]["steps"];
  const base = { steps, now: T0, executedAt: new Map<number, Date>() };

  it("marks everything done for a completed enrollment", () => {
    expect(
      stepStates({ ...base, status: "completed", currentStepIndex: 5, nextRunAt: null }).every(
        (s) => s.state === "done",
      ),
    ).toBe(true);
  });

  it("gives a paused enrollment no expected dates", () => {
    const views = stepStates({
      ...base,
      status: "paused",
      currentStepIndex: 2,
      nextRunAt: new Date(T0.getTime() + DAY),
    });
    expect(views.map((s) => s.state)).toEqual(["done", "current", "upcoming", "upcoming", "upcoming"]);
    expect(views.every((s) => s.expectedAt === null || s.state === "current")).toBe(true);
  });

  it("shows an exited enrollment's remaining steps as not reached", () => {
    const views = stepStates({ ...base, status: "exited", currentStepIndex: 2, nextRunAt: null });
    expect(views.map((s) => s.state)).toEqual(["done", "done", "not_reached", "not_reached", "not_reached"]);
  });

  it("treats an overdue step as running now", () => {
    const views = stepStates({
      ...base,
      status: "active",
      currentStepIndex: 2,
      nextRunAt: new Date(T0.getTime() - DAY),
    });
    expect(views[2]).toMatchObject({ state: "current", expectedAt: T0, note: "Due now" });
    expect(views[4]!.expectedAt).toEqual(new Date(T0.getTime() + 3 * DAY));
  });
});

describe("test-only advance control", () => {
  const call = (body: unknown) =>
    advanceRoute(new Request("http://test/api/test/advance", { method: "POST", body: JSON.stringify(body) }));

  it("is a 404 unless SEQUENCER_TEST_CONTROLS=1, and then admits only a signed-in admin with valid input", async () => {
    const previous = process.env.SEQUENCER_TEST_CONTROLS;
    try {
      delete process.env.SEQUENCER_TEST_CONTROLS;
      signInAs(await makeUser("admin"));
      expect((await call({ minutes: 0 })).status).toBe(404);
      process.env.SEQUENCER_TEST_CONTROLS = "1";
      signInAs(null);
      expect((await call({ minutes: 0 })).status).toBe(401);
      signInAs(await makeUser("editor"));
      expect((await call({ minutes: 0 })).status).toBe(403);
      signInAs(await makeUser("admin"));
      expect((await call({ minutes: -5 })).status).toBe(400);
    } finally {
      if (previous === undefined) delete process.env.SEQUENCER_TEST_CONTROLS;
      else process.env.SEQUENCER_TEST_CONTROLS = previous;
    }
  });
});
