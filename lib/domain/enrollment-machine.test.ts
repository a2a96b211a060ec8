import { describe, expect, it } from "vitest";
import {
  executeUntilBlocked,
  startEnrollment,
  transition,
  type EnrollmentEvent,
  type EnrollmentState,
  type EnrollmentStatus,
} from "./enrollment-machine";
import type { Step } from "./steps";

const T0 = new Date("2024-01-01T09:00:00Z"); // a Monday
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

const steps: Step[] = [
  { key: "intro", type: "email", subject: "Hi {{first_name}}", body: "Hello" },
  { key: "pause1", type: "wait", amount: 2, unit: "days", businessDaysOnly: false },
  { key: "nudge", type: "sms", body: "Ping" },
  { key: "call", type: "task", title: "Call them", note: "" },
  { key: "bye", type: "email", subject: "Bye", body: "Thanks" },
];

const state = (status: EnrollmentStatus, over: Partial<EnrollmentState> = {}): EnrollmentState => ({
  status,
  stepIndex: 1,
  nextRunAt: T0,
  exitReason: null,
  ...over,
});

function expectOk(result: ReturnType<typeof transition>) {
  if (!result.ok) throw new Error(`expected ok, got: ${result.error}`);
  return result;
}

describe("illegal transitions are refused with a readable message", () => {
  it.each<[EnrollmentStatus, EnrollmentEvent, string]>([
    ["completed", { type: "pause" }, "Cannot pause an enrollment that is completed"],
    ["paused", { type: "pause" }, "Cannot pause an enrollment that is paused"],
    ["paused", { type: "execute", steps, now: T0 }, "Cannot execute an enrollment that is paused"],
    ["exited", { type: "execute", steps, now: T0 }, "Cannot execute an enrollment that is exited"],
    ["active", { type: "resume", now: T0 }, "Cannot resume an enrollment that is active"],
    ["failed", { type: "resume", now: T0 }, "Cannot resume an enrollment that is failed"],
    ["completed", { type: "unenroll" }, "Cannot unenroll an enrollment that is completed"],
    ["exited", { type: "taskCompleted", now: T0 }, "Cannot complete a task for an enrollment that is exited"],
    ["active", { type: "taskCompleted", now: T0 }, "This enrollment is not waiting on a task"],
    ["exited", { type: "deliveryFailed", reason: "bounce" }, "Cannot fail an enrollment that is exited"],
  ])("%s + %j", (status, event, error) => {
    expect(transition(state(status), event)).toEqual({ ok: false, error });
  });

  it("refuses to execute while a task is open", () => {
    expect(transition(state("active", { nextRunAt: null }), { type: "execute", steps, now: T0 })).toEqual({
      ok: false,
      error: "Cannot execute an enrollment that is waiting on a task",
    });
  });
});

describe("legal transitions", () => {
  it.each<[string, EnrollmentState, EnrollmentEvent, Partial<EnrollmentState>]>([
    ["pause keeps the due time", state("active"), { type: "pause" }, { status: "paused", nextRunAt: T0 }],
    [
      "resume after due time runs now",
      state("paused", { nextRunAt: T0 }),
      { type: "resume", now: minutes(30) },
      { status: "active", nextRunAt: minutes(30) },
    ],
    [
      "resume before due time keeps it",
      state("paused", { nextRunAt: minutes(60) }),
      { type: "resume", now: minutes(30) },
      { status: "active", nextRunAt: minutes(60) },
    ],
    [
      "resume while a task is open stays blocked",
      state("paused", { nextRunAt: null }),
      { type: "resume", now: T0 },
      { status: "active", nextRunAt: null },
    ],
    [
      "unenroll active",
      state("active"),
      { type: "unenroll" },
      { status: "exited", exitReason: "unenrolled", nextRunAt: null },
    ],
    [
      "unenroll paused",
      state("paused"),
      { type: "unenroll" },
      { status: "exited", exitReason: "unenrolled", nextRunAt: null },
    ],
    [
      "reply exits",
      state("active"),
      { type: "reply", exitOnReply: true },
      { status: "exited", exitReason: "replied", nextRunAt: null },
    ],
    [
      "reply exits paused",
      state("paused"),
      { type: "reply", exitOnReply: true },
      { status: "exited", exitReason: "replied" },
    ],
    [
      "reply ignored when setting off",
      state("active"),
      { type: "reply", exitOnReply: false },
      { status: "active", exitReason: null, nextRunAt: T0 },
    ],
    [
      "reply after completion is a no-op",
      state("completed", { nextRunAt: null }),
      { type: "reply", exitOnReply: true },
      { status: "completed", exitReason: null },
    ],
    [
      "unsubscribe exits",
      state("active"),
      { type: "unsubscribe", exitOnUnsubscribe: true },
      { status: "exited", exitReason: "unsubscribed" },
    ],
    [
      "unsubscribe ignored when setting off",
      state("paused"),
      { type: "unsubscribe", exitOnUnsubscribe: false },
      { status: "paused", exitReason: null },
    ],
    [
      "unsubscribe after exit is a no-op",
      state("exited", { exitReason: "replied" }),
      { type: "unsubscribe", exitOnUnsubscribe: true },
      { status: "exited", exitReason: "replied" },
    ],
    [
      "task completed unblocks",
      state("active", { nextRunAt: null }),
      { type: "taskCompleted", now: minutes(5) },
      { status: "active", nextRunAt: minutes(5) },
    ],
    [
      "task completed while paused stays paused",
      state("paused", { nextRunAt: null }),
      { type: "taskCompleted", now: minutes(5) },
      { status: "paused", nextRunAt: minutes(5) },
    ],
    [
      "delivery failure",
      state("active"),
      { type: "deliveryFailed", reason: "hard bounce" },
      { status: "failed", exitReason: "hard bounce", nextRunAt: null },
    ],
    [
      "delivery failure of a final email",
      state("completed", { nextRunAt: null }),
      { type: "deliveryFailed", reason: "bounce" },
      { status: "failed", exitReason: "bounce" },
    ],
  ])("%s", (_name, before, event, expected) => {
    const result = expectOk(transition(before, event));
    expect(result.state).toMatchObject(expected);
    expect(result.state.stepIndex).toBe(before.stepIndex);
    expect(result.effects).toEqual([]);
  });
});

describe("execute runs exactly one step", () => {
  it.each<[string, Step[], number, Partial<EnrollmentState>, string[]]>([
    ["email moves on, due now", steps, 0, { status: "active", stepIndex: 1, nextRunAt: T0 }, ["message"]],
    ["wait sets the due time", steps, 1, { status: "active", stepIndex: 2, nextRunAt: minutes(2 * 1440) }, ["waited"]],
    ["sms moves on", steps, 2, { status: "active", stepIndex: 3, nextRunAt: T0 }, ["message"]],
    ["task blocks", steps, 3, { status: "active", stepIndex: 4, nextRunAt: null }, ["task"]],
    [
      "last email completes",
      steps,
      4,
      { status: "completed", stepIndex: 5, nextRunAt: null },
      ["message", "completed"],
    ],
    ["past the end completes", steps, 5, { status: "completed", stepIndex: 5, nextRunAt: null }, ["completed"]],
    ["empty version completes", [], 0, { status: "completed", stepIndex: 0, nextRunAt: null }, ["completed"]],
    ["trailing wait does not complete yet", [steps[1] as Step], 0, { status: "active", stepIndex: 1 }, ["waited"]],
    [
      "trailing task does not complete yet",
      [steps[3] as Step],
      0,
      { status: "active", stepIndex: 1, nextRunAt: null },
      ["task"],
    ],
  ])("%s", (_name, version, stepIndex, expected, effectTypes) => {
    const result = expectOk(transition(state("active", { stepIndex }), { type: "execute", steps: version, now: T0 }));
    expect(result.state).toMatchObject(expected);
    expect(result.effects.map((e) => e.type)).toEqual(effectTypes);
  });

  it("message effects carry the step and channel", () => {
    const result = expectOk(transition(state("active", { stepIndex: 2 }), { type: "execute", steps, now: T0 }));
    expect(result.effects).toEqual([
      { type: "message", channel: "sms", stepKey: "nudge", stepIndex: 2, step: steps[2] },
    ]);
  });

  it("business-day waits use real weekdays", () => {
    const friday = new Date("2024-01-05T09:00:00Z");
    const wait: Step = { key: "w", type: "wait", amount: 1, unit: "days", businessDaysOnly: true };
    const result = expectOk(
      transition(state("active", { stepIndex: 0 }), { type: "execute", steps: [wait], now: friday }),
    );
    expect(result.effects).toEqual([
      { type: "waited", stepKey: "w", stepIndex: 0, until: new Date("2024-01-08T09:00:00Z") },
    ]);
  });
});

describe("a full walk through a 5-step version", () => {
  it("email, wait, sms, task, email", () => {
    let s = startEnrollment(T0);
    const log: string[] = [];
    const run = (now: Date) => {
      const out = executeUntilBlocked(s, steps, now);
      s = out.state;
      for (const step of out.executed) log.push(`${step.stepKey}:${step.effects.map((e) => e.type).join("+")}`);
      return out;
    };

    // email then the wait start go out in one claim; the wait blocks.
    expect(run(T0).executed.map((e) => e.stepIndex)).toEqual([0, 1]);
    expect(s).toEqual({ status: "active", stepIndex: 2, nextRunAt: minutes(2880), exitReason: null });

    expect(run(minutes(100)).executed).toEqual([]); // not due yet

    // pause and resume across the due time: the sms goes as soon as it is resumed.
    s = expectOk(transition(s, { type: "pause" })).state;
    expect(run(minutes(3000)).executed).toEqual([]);
    s = expectOk(transition(s, { type: "resume", now: minutes(3000) })).state;
    expect(s.nextRunAt).toEqual(minutes(3000));

    run(minutes(3000)); // sms, then the task blocks
    expect(s).toMatchObject({ status: "active", stepIndex: 4, nextRunAt: null });
    expect(run(minutes(9999)).executed).toEqual([]);

    s = expectOk(transition(s, { type: "taskCompleted", now: minutes(4000) })).state;
    run(minutes(4000));
    expect(s).toEqual({ status: "completed", stepIndex: 5, nextRunAt: null, exitReason: null });
    expect(log).toEqual(["intro:message", "pause1:waited", "nudge:message", "call:task", "bye:message+completed"]);
    expect(transition(s, { type: "pause" })).toEqual({
      ok: false,
      error: "Cannot pause an enrollment that is completed",
    });
  });
});

describe("executeUntilBlocked", () => {
  const emails = (n: number): Step[] =>
    Array.from({ length: n }, (_, i) => ({ key: `e${i}`, type: "email", subject: "S", body: "" }));

  it.each<[string, EnrollmentState, Step[], number, number, EnrollmentStatus]>([
    ["chain of immediate steps runs in one go", startEnrollment(T0), emails(4), 50, 4, "completed"],
    ["maxSteps caps a long chain", startEnrollment(T0), emails(10), 3, 3, "active"],
    ["paused does nothing", state("paused", { stepIndex: 0 }), emails(2), 50, 0, "paused"],
    ["not yet due does nothing", state("active", { stepIndex: 0, nextRunAt: minutes(1) }), emails(2), 50, 0, "active"],
    [
      "trailing wait completes on the next run",
      state("active", { stepIndex: 1 }),
      [steps[1] as Step],
      50,
      1,
      "completed",
    ],
  ])("%s", (_name, start, version, maxSteps, count, status) => {
    const out = executeUntilBlocked(start, version, T0, { maxSteps });
    expect(out.executed.length).toBe(count);
    expect(out.state.status).toBe(status);
  });

  it("records null stepKey for the completion step", () => {
    const out = executeUntilBlocked(state("active", { stepIndex: 1 }), [steps[1] as Step], T0);
    expect(out.executed).toEqual([{ stepIndex: 1, stepKey: null, effects: [{ type: "completed" }] }]);
  });
});

describe("migrate (operator migration) and its undo", () => {
  const move = (toIndex: number) => ({ kind: "move" as const, toIndex, toKey: `k${toIndex}` });
  it.each<[string, EnrollmentState, EnrollmentEvent, Partial<EnrollmentState>, string, number]>([
    [
      "move keeps status and schedule",
      state("active"),
      { type: "migrate", plan: move(3), targetStepCount: 5, pass: 0 },
      { status: "active", stepIndex: 3, nextRunAt: T0 },
      "moved",
      1,
    ],
    [
      "move of a paused enrollment stays paused",
      state("paused"),
      { type: "migrate", plan: move(0), targetStepCount: 5, pass: 2 },
      { status: "paused", stepIndex: 0, nextRunAt: T0 },
      "moved",
      3,
    ],
    [
      "move while a task is open stays blocked",
      state("active", { nextRunAt: null }),
      { type: "migrate", plan: move(2), targetStepCount: 4, pass: 0 },
      { stepIndex: 2, nextRunAt: null },
      "moved",
      1,
    ],
    [
      "exit stays on the step of A",
      state("active"),
      { type: "migrate", plan: { kind: "exit" }, targetStepCount: 5, pass: 0 },
      { status: "exited", stepIndex: 1, nextRunAt: null, exitReason: "migration" },
      "exited",
      1,
    ],
    [
      "complete lands past B's end",
      state("paused"),
      { type: "migrate", plan: { kind: "complete" }, targetStepCount: 4, pass: 1 },
      { status: "completed", stepIndex: 4, nextRunAt: null, exitReason: null },
      "completed",
      2,
    ],
  ])("%s", (_name, before, event, expected, outcome, pass) => {
    const result = expectOk(transition(before, event));
    expect(result.state).toMatchObject(expected);
    expect(result.effects).toEqual([{ type: "migrated", outcome, pass }]);
  });

  it.each<EnrollmentStatus>(["completed", "exited", "failed"])("refuses to migrate a %s enrollment", (status) => {
    expect(transition(state(status), { type: "migrate", plan: { kind: "exit" }, targetStepCount: 5, pass: 0 })).toEqual(
      {
        ok: false,
        error: `Cannot migrate an enrollment that is ${status}`,
      },
    );
  });

  it.each<[string, EnrollmentState, EnrollmentState]>([
    [
      "a move back to the prior step and schedule",
      state("active", { stepIndex: 3 }),
      state("active", { stepIndex: 1, nextRunAt: minutes(9) }),
    ],
    [
      "an exit back to paused",
      state("exited", { exitReason: "migration", nextRunAt: null }),
      state("paused", { stepIndex: 2 }),
    ],
    [
      "a completion back to waiting on a task",
      state("completed", { nextRunAt: null, stepIndex: 4 }),
      state("active", { stepIndex: 2, nextRunAt: null }),
    ],
  ])("undo restores %s", (_name, current, prior) => {
    expect(expectOk(transition(current, { type: "undoMigration", prior })).state).toEqual(prior);
  });

  it("undo refuses a prior state that was not in flight", () => {
    expect(transition(state("active"), { type: "undoMigration", prior: state("completed") })).toEqual({
      ok: false,
      error: "Cannot restore an enrollment that is completed",
    });
  });
});
