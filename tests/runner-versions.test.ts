// The guarantee the product sells: an enrollment runs the version it was pinned to, even when a
// newer version is published while it waits; a later enrollment runs the newer one.
import { afterAll, describe, expect, it } from "vitest";
import type { StepInput } from "@/lib/domain/steps";
import { ManualClock } from "@/lib/engine/clock";
import { drainDue } from "@/lib/engine/run-batch";
import {
  createContacts,
  createSequence,
  createVersion,
  DAY,
  enroll,
  HOUR,
  testPool,
  timeline,
} from "./support/runner-fixtures";

const pool = testPool();
afterAll(() => pool.end());

const V1: StepInput[] = [
  { key: "e1", type: "email", subject: "Hello {{first_name}}", body: "Welcome {{first_name}} {{last_name}}" },
  { key: "w1", type: "wait", amount: 2, unit: "days" },
  { key: "e2", type: "email", subject: "Following up", body: "Still there, {{first_name}}?" },
  { key: "w2", type: "wait", amount: 3, unit: "days" },
  { key: "e3", type: "email", subject: "Last note", body: "Bye {{email}}" },
];
// The edited draft: e3 removed, the 2nd and 3rd steps swapped, the first subject changed.
const V2: StepInput[] = [
  { key: "e1", type: "email", subject: "Hi there {{first_name}}", body: "Welcome {{first_name}} {{last_name}}" },
  { key: "e2", type: "email", subject: "Following up", body: "Still there, {{first_name}}?" },
  { key: "w1", type: "wait", amount: 2, unit: "days" },
  { key: "w2", type: "wait", amount: 3, unit: "days" },
];

async function messagesOf(enrollmentId: string) {
  const { rows } = await pool.query<{
    step_key: string;
    subject: string;
    body: string;
    to: string;
    sequence_version_id: string;
    created_at: Date;
  }>(
    `SELECT step_key, subject, body, "to", sequence_version_id, created_at FROM messages WHERE enrollment_id = $1 ORDER BY created_at, id`,
    [enrollmentId],
  );
  return rows;
}

async function enrollment(id: string) {
  const { rows } = await pool.query(
    `SELECT status::text AS status, current_step_index, current_step_key, next_run_at, finished_at, sequence_version_id FROM enrollments WHERE id = $1`,
    [id],
  );
  return rows[0] as {
    status: string;
    current_step_index: number;
    current_step_key: string | null;
    next_run_at: Date | null;
    finished_at: Date | null;
    sequence_version_id: string;
  };
}

describe("pinned versions through the runner", () => {
  it("runs A through v1 exactly (published v2 mid-wait), and B, enrolled after the publish, through v2", async () => {
    // A Monday; the runner only claims this sequence (scope), so no other test interferes.
    const clock = new ManualClock("2020-03-02T09:00:00.000Z");
    const t0 = clock.now().getTime();
    const sequenceId = await createSequence(pool);
    const run = () => drainDue({ pool, now: clock.now(), scope: { sequenceIds: [sequenceId] } });
    const v1 = await createVersion(pool, { sequenceId, steps: V1 });
    const [contactA, contactB] = await createContacts(pool, 2);
    const [a] = await enroll(pool, { sequenceId, versionId: v1, contactIds: [contactA!], at: clock.now() });

    await run();
    expect(await enrollment(a!)).toMatchObject({
      status: "active",
      current_step_index: 2,
      current_step_key: "e2",
      next_run_at: new Date(t0 + 2 * DAY),
    });

    // Publish v2 while A waits; B enrolls an hour later on the now-active v2.
    clock.advance(HOUR);
    const v2 = await createVersion(pool, { sequenceId, steps: V2 });
    const [b] = await enroll(pool, { sequenceId, versionId: v2, contactIds: [contactB!], at: clock.now() });
    await run();
    expect(await enrollment(b!)).toMatchObject({
      current_step_index: 3,
      current_step_key: "w2",
      next_run_at: new Date(t0 + HOUR + 2 * DAY),
    });
    expect(await enrollment(a!)).toMatchObject({ current_step_index: 2, sequence_version_id: v1 });

    // Walk the clock forward an hour at a time for six days, draining at each tick.
    for (let i = 0; i < 6 * 24; i++) {
      clock.advance(HOUR);
      await run();
    }

    const stateA = await enrollment(a!);
    expect(stateA).toMatchObject({
      status: "completed",
      sequence_version_id: v1,
      next_run_at: null,
      finished_at: new Date(t0 + 5 * DAY),
    });
    const timelineA = await timeline(pool, a!);
    const executedA = timelineA.filter((e) => e.type === "step_executed");
    expect(executedA.map((e) => e.step_key)).toEqual(["e1", "w1", "e2", "w2", "e3"]);
    expect(executedA.map((e) => e.step_index)).toEqual([0, 1, 2, 3, 4]);
    expect(executedA.map((e) => e.execution_key)).toEqual(["0:e1", "0:w1", "0:e2", "0:w2", "0:e3"]);
    expect(executedA.map((e) => e.at.getTime() - t0)).toEqual([0, 0, 2 * DAY, 2 * DAY, 5 * DAY]);
    expect(timelineA.filter((e) => e.type !== "enrolled").every((e) => e.sequence_version_id === v1)).toBe(true);
    expect(timelineA.map((e) => e.type)).toEqual([
      "enrolled",
      "step_executed",
      "step_executed",
      "waited",
      "step_executed",
      "step_executed",
      "waited",
      "step_executed",
      "completed",
    ]);

    const mailA = await messagesOf(a!);
    expect(mailA.map((m) => [m.step_key, m.subject, m.body])).toEqual([
      ["e1", "Hello First1", "Welcome First1 Last1"],
      ["e2", "Following up", "Still there, First1?"],
      ["e3", "Last note", `Bye ${mailA[0]!.to}`],
    ]);
    expect(mailA.every((m) => m.sequence_version_id === v1)).toBe(true);

    const stateB = await enrollment(b!);
    expect(stateB).toMatchObject({
      status: "completed",
      sequence_version_id: v2,
      finished_at: new Date(t0 + HOUR + 5 * DAY),
    });
    const executedB = (await timeline(pool, b!)).filter((e) => e.type === "step_executed");
    expect(executedB.map((e) => e.step_key)).toEqual(["e1", "e2", "w1", "w2"]);
    expect(executedB.every((e) => e.sequence_version_id === v2)).toBe(true);
    const mailB = await messagesOf(b!);
    expect(mailB.map((m) => [m.step_key, m.subject])).toEqual([
      ["e1", "Hi there First2"],
      ["e2", "Following up"],
    ]);
    expect(mailB.every((m) => m.sequence_version_id === v2)).toBe(true);
  });
});
