// Tasks for daily use (issue 17): the default assignee (the sequence's owner) and due date, reassign,
// due date and priority through the actions, completion with a note (task row, timeline event,
// outcome counter), the viewer refused, and the tasks page's filters against direct SQL on real
// timestamps.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// First: its vi.mock of next-auth must be registered before the actions load.
import { signInAs } from "./support/session";
import { completeTaskAction } from "@/lib/actions/enrollments";
import { reassignTaskAction, setTaskDueAction, setTaskPriorityAction } from "@/lib/actions/tasks";
import type { DraftContent } from "@/lib/domain/draft";
import { NO_TASK_FILTERS, TASK_DEFAULT_DUE_MS, type TaskFilters } from "@/lib/domain/tasks";
import { drainDue } from "@/lib/engine/run-batch";
import { countOpenTasks } from "@/lib/server/dashboard/count-open-tasks";
import { listTasks } from "@/lib/server/enrollment-views/list-open-tasks";
import { completeTask } from "@/lib/server/enrollments/complete-task";
import { db } from "@/lib/server/db";
import { enrollContacts } from "@/lib/server/sequences/enroll-contacts";
import { publishVersion } from "@/lib/server/sequences/publish-version";
import type { SessionUser } from "@/lib/server/session";
import { makeUser } from "./support/factories";
import { HOUR, testPool } from "./support/runner-fixtures";
import { makeContacts, makeSequenceWithDraft } from "./support/sequences";

const pool = testPool();
afterAll(async () => {
  await pool.end();
  await db().$disconnect();
});

const DRAFT: DraftContent = {
  steps: [
    { key: "call", type: "task", title: "Call them", note: "Ask about the trial" },
    { key: "thanks", type: "email", subject: "Thanks for the call", body: "Talk soon. {{unsubscribe_url}}" },
  ],
  settings: { exitOnReply: true, exitOnUnsubscribe: true },
};

let owner: SessionUser;
let colleague: SessionUser;
let viewer: SessionUser;
let sequenceId = "";
let versionId = "";
let createdAt = new Date();
let taskIds: string[] = [];

/** A published task sequence owned by `actorId`. */
async function sequenceWithTasks(actorId: string) {
  const { id } = await makeSequenceWithDraft(actorId, DRAFT);
  const { versionId } = await publishVersion({ actorId, sequenceId: id, note: "v1" });
  return { id, versionId };
}

async function runTasks(sequence: string, count: number, prefix: string) {
  const contacts = await makeContacts(count, prefix);
  const now = new Date();
  await enrollContacts({ actorId: owner.id, sequenceId: sequence, contactIds: contacts, now });
  await drainDue({ pool, now, scope: { sequenceIds: [sequence] } });
  return now;
}

async function tasksOf(sequence: string) {
  return db().task.findMany({ where: { enrollment: { sequenceId: sequence } }, orderBy: { id: "asc" } });
}

async function taskCounter(metric: string): Promise<number> {
  const rows = await db().outcomeCount.findMany({ where: { sequenceVersionId: versionId, stepKey: "call", metric } });
  return rows.reduce((sum, r) => sum + Number(r.count), 0);
}

beforeAll(async () => {
  owner = await makeUser("editor");
  colleague = await makeUser("editor");
  viewer = await makeUser("viewer");
  ({ id: sequenceId, versionId } = await sequenceWithTasks(owner.id));
  createdAt = await runTasks(sequenceId, 4, "tasks");
  taskIds = (await tasksOf(sequenceId)).map((t) => t.id);
});

describe("new tasks", () => {
  it("are assigned to the sequence's owner, normal priority, due one day after creation", async () => {
    const tasks = await tasksOf(sequenceId);
    expect(tasks).toHaveLength(4);
    for (const t of tasks) {
      expect(t).toMatchObject({ assigneeId: owner.id, priority: "normal", completedAt: null, completionNote: null });
      expect(t.dueAt.getTime() - t.createdAt.getTime()).toBe(TASK_DEFAULT_DUE_MS);
      expect(Math.abs(t.createdAt.getTime() - createdAt.getTime())).toBeLessThan(1000);
    }
  });

  it("are unassigned when the sequence has no owner", async () => {
    const { id } = await sequenceWithTasks(colleague.id);
    await db().sequence.update({ where: { id }, data: { createdById: null } });
    await runTasks(id, 1, "ownerless");
    const [task] = await tasksOf(id);
    expect(task?.assigneeId).toBeNull();
  });
});

describe("changing a task", () => {
  it("reassigns to another editor, then to nobody, each audited", async () => {
    signInAs(owner);
    const taskId = taskIds[0]!;
    expect(await reassignTaskAction({ taskId, assigneeId: colleague.id })).toMatchObject({ ok: true });
    expect((await db().task.findUniqueOrThrow({ where: { id: taskId } })).assigneeId).toBe(colleague.id);
    expect(await reassignTaskAction({ taskId, assigneeId: null })).toMatchObject({ ok: true });
    expect((await db().task.findUniqueOrThrow({ where: { id: taskId } })).assigneeId).toBeNull();
    const audit = await db().auditLog.findMany({ where: { entityId: taskId, action: "task.reassign" } });
    expect(audit.map((a) => a.detail)).toEqual(
      expect.arrayContaining([
        { from: owner.id, to: colleague.id },
        { from: colleague.id, to: null },
      ]),
    );
    expect(await reassignTaskAction({ taskId, assigneeId: owner.id })).toMatchObject({ ok: true });
  });

  it("refuses a viewer as assignee and an unknown user, changing nothing", async () => {
    signInAs(owner);
    const taskId = taskIds[0]!;
    const toViewer = await reassignTaskAction({ taskId, assigneeId: viewer.id });
    expect(toViewer).toMatchObject({ ok: false, code: "invalid" });
    if (!toViewer.ok) expect(toViewer.error).toMatch(/editors and admins/);
    const unknown = await reassignTaskAction({ taskId, assigneeId: "00000000-0000-4000-8000-000000000000" });
    expect(unknown).toMatchObject({ ok: false, code: "not_found" });
    expect((await db().task.findUniqueOrThrow({ where: { id: taskId } })).assigneeId).toBe(owner.id);
  });

  it("sets the priority and the due date", async () => {
    signInAs(owner);
    const taskId = taskIds[1]!;
    expect(await setTaskPriorityAction({ taskId, priority: "high" })).toMatchObject({ ok: true });
    const due = new Date(Date.now() + 3 * 24 * HOUR);
    expect(await setTaskDueAction({ taskId, dueAt: due.toISOString() })).toMatchObject({ ok: true });
    const task = await db().task.findUniqueOrThrow({ where: { id: taskId } });
    expect(task).toMatchObject({ priority: "high", dueAt: due });
    expect(await db().auditLog.count({ where: { entityId: taskId, action: { startsWith: "task.set_" } } })).toBe(2);
  });

  it("refuses a viewer every change and the completion, writing nothing", async () => {
    signInAs(viewer);
    const taskId = taskIds[2]!;
    const before = await db().task.findUniqueOrThrow({ where: { id: taskId } });
    const auditBefore = await db().auditLog.count();
    for (const result of [
      await reassignTaskAction({ taskId, assigneeId: viewer.id }),
      await setTaskPriorityAction({ taskId, priority: "low" }),
      await setTaskDueAction({ taskId, dueAt: new Date().toISOString() }),
      await completeTaskAction({ taskId, note: "done" }),
    ])
      expect(result).toMatchObject({ ok: false, code: "forbidden" });
    expect(await db().task.findUniqueOrThrow({ where: { id: taskId } })).toEqual(before);
    expect(await db().auditLog.count()).toBe(auditBefore);
  });
});

describe("completing with a note", () => {
  it("keeps the note on the task, the task_completed event and counts it once", async () => {
    signInAs(colleague);
    const taskId = taskIds[3]!;
    const counted = await taskCounter("task_completed");
    const note = "Spoke with Ann ✓ — call back in May. '; DROP TABLE tasks; --";
    const result = await completeTaskAction({ taskId, note: `  ${note}\n` });
    expect(result).toMatchObject({ ok: true, data: { unblocked: true } });
    const task = await db().task.findUniqueOrThrow({ where: { id: taskId } });
    expect(task).toMatchObject({ completionNote: note, completedById: colleague.id });
    const event = await db().enrollmentEvent.findFirstOrThrow({
      where: { enrollmentId: task.enrollmentId, type: "task_completed" },
    });
    expect(event.detail).toMatchObject({ taskId, title: "Call them", note, unblocked: true });
    expect(event).toMatchObject({ sequenceVersionId: versionId, stepKey: "call" });
    expect(await taskCounter("task_completed")).toBe(counted + 1);

    // Done is done: no second completion, no later change.
    expect(await completeTaskAction({ taskId, note: "again" })).toMatchObject({ ok: false, code: "conflict" });
    expect(await setTaskPriorityAction({ taskId, priority: "low" })).toMatchObject({ ok: false, code: "conflict" });
    expect(await reassignTaskAction({ taskId, assigneeId: owner.id })).toMatchObject({ ok: false, code: "conflict" });
    expect(await db().task.findUniqueOrThrow({ where: { id: taskId } })).toEqual(task);
    expect(await taskCounter("task_completed")).toBe(counted + 1);
  });

  it("refuses a note over 2,000 characters and writes nothing", async () => {
    signInAs(owner);
    const taskId = taskIds[2]!;
    const before = await db().task.findUniqueOrThrow({ where: { id: taskId } });
    const events = await db().enrollmentEvent.count({ where: { enrollmentId: before.enrollmentId } });
    const audit = await db().auditLog.count();
    const counted = await taskCounter("task_completed");
    const result = await completeTaskAction({ taskId, note: "x".repeat(2001) });
    expect(result).toMatchObject({ ok: false, code: "invalid" });
    if (!result.ok) expect(result.error).toMatch(/2,000 characters/);
    // The service refuses it too (a caller that skips the action's schema).
    await expect(completeTask({ actorId: owner.id, taskId, note: "y".repeat(2001) })).rejects.toThrow(/2,000/);
    expect(await db().task.findUniqueOrThrow({ where: { id: taskId } })).toEqual(before);
    expect(await db().enrollmentEvent.count({ where: { enrollmentId: before.enrollmentId } })).toBe(events);
    expect(await db().auditLog.count()).toBe(audit);
    expect(await taskCounter("task_completed")).toBe(counted);
    // Exactly the limit is fine.
    expect(await completeTaskAction({ taskId, note: "z".repeat(2000) })).toMatchObject({ ok: true });
  });
});

describe("the tasks page's filters", () => {
  const ids = async (filters: Partial<TaskFilters>, userId: string, now: Date) => {
    const page = await listTasks({ filters: { ...NO_TASK_FILTERS, sequenceId, ...filters }, userId, now, limit: 100 });
    return page.rows.map((r) => r.id).sort();
  };
  const direct = async (where: string, params: unknown[]) => {
    const { rows } = await pool.query<{ id: string }>(
      `SELECT t.id FROM tasks t JOIN enrollments e ON e.id = t.enrollment_id WHERE e.sequence_id = $1 AND ${where} ORDER BY t.id`,
      [sequenceId, ...params],
    );
    return rows.map((r) => r.id).sort();
  };

  it("'mine' and 'overdue' agree with direct SQL on real timestamps", async () => {
    const fresh = await sequenceWithTasks(owner.id);
    await runTasks(fresh.id, 3, "overdue");
    const [a, b, c] = (await tasksOf(fresh.id)).map((t) => t.id);
    signInAs(owner);
    const now = Date.now();
    // a: mine, an hour overdue; b: mine, due in an hour; c: the colleague's, a minute overdue.
    await setTaskDueAction({ taskId: a!, dueAt: new Date(now - HOUR).toISOString() });
    await setTaskDueAction({ taskId: b!, dueAt: new Date(now + HOUR).toISOString() });
    await setTaskDueAction({ taskId: c!, dueAt: new Date(now - 60_000).toISOString() });
    await reassignTaskAction({ taskId: c!, assigneeId: colleague.id });

    const at = new Date();
    const seq = { sequenceId: fresh.id };
    const list = async (filters: Partial<TaskFilters>, userId = owner.id, when = at) =>
      (await listTasks({ filters: { ...NO_TASK_FILTERS, ...seq, ...filters }, userId, now: when, limit: 100 })).rows
        .map((r) => r.id)
        .sort();
    expect(await list({ assignee: "me", overdue: true })).toEqual([a]);
    expect(await list({ assignee: "me" })).toEqual([a, b].sort());
    expect(await list({ overdue: true })).toEqual([a, c].sort());
    expect(await list({ assignee: "me", overdue: true }, colleague.id)).toEqual([c]);
    expect(await list({ assignee: { userId: colleague.id } })).toEqual([c]);
    // Two hours on, b is overdue too.
    expect(await list({ assignee: "me", overdue: true }, owner.id, new Date(at.getTime() + 2 * HOUR))).toEqual(
      [a, b].sort(),
    );
    // Soonest due first.
    const ordered = await listTasks({ filters: { ...NO_TASK_FILTERS, ...seq }, userId: owner.id, now: at, limit: 100 });
    expect(ordered.rows.map((r) => r.id)).toEqual([a, c, b]);
    expect(ordered.rows.map((r) => r.overdue)).toEqual([true, true, false]);
    expect(ordered.rows[0]).toMatchObject({
      stepName: "Step 1 · Call them",
      assigneeName: owner.name,
      versionNumber: 1,
    });

    // The dashboard's figure equals a direct count.
    const counts = await countOpenTasks({ now: at, userId: owner.id });
    const { rows } = await pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM tasks WHERE completed_at IS NULL AND due_at < $1 AND assignee_id = $2`,
      [at, owner.id],
    );
    expect(counts.overdueForUser).toBe(Number(rows[0]!.n));
    expect(counts.overdueForUser).toBeGreaterThanOrEqual(1);
  });

  it("status, priority and unassigned match direct SQL, with keyset pages", async () => {
    const now = new Date();
    expect(await ids({ status: "completed" }, owner.id, now)).toEqual(await direct("t.completed_at IS NOT NULL", []));
    expect(await ids({ priority: "high" }, owner.id, now)).toEqual(
      await direct("t.completed_at IS NULL AND t.priority = 'high'", []),
    );
    expect(await ids({ assignee: "none" }, owner.id, now)).toEqual(
      await direct("t.completed_at IS NULL AND t.assignee_id IS NULL", []),
    );
    const completed = await listTasks({
      filters: { ...NO_TASK_FILTERS, sequenceId, status: "completed" },
      userId: owner.id,
      now,
      limit: 1,
    });
    expect(completed.rows).toHaveLength(1);
    expect(completed.next).not.toBeNull();
    expect(completed.rows[0]!.completionNote).toBeTruthy();
  });
});
