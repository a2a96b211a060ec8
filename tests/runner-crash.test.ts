// A worker process killed with SIGKILL mid-run loses nothing and repeats nothing: each batch
// commits whole or not at all, and a second worker finishes exactly the rest.
import { afterAll, describe, expect, it } from "vitest";
import {
  countWhere,
  createContacts,
  createSequenceWithVersion,
  DAY,
  enroll,
  testPool,
} from "./support/runner-fixtures";
import { spawnWorker, waitFor } from "./support/runner-process";

const pool = testPool();
afterAll(() => pool.end());

const N = 5_000;
// Due now: e1, s1 and w1 run (two messages, three executions); e2 waits a day.
const STEPS = [
  { key: "e1", type: "email" as const, subject: "Hi {{first_name}}", body: "Hello {{first_name}}" },
  { key: "s1", type: "sms" as const, body: "Text for {{first_name}}" },
  { key: "w1", type: "wait" as const, amount: 1, unit: "days" as const },
  { key: "e2", type: "email" as const, subject: "Later", body: "Tomorrow" },
];

describe("crash safety", () => {
  it("a worker killed with SIGKILL partway, then a new worker: every due step ran exactly once", async () => {
    const { sequenceId, versionId } = await createSequenceWithVersion(pool, STEPS);
    const contacts = await createContacts(pool, N);
    const enrolledAt = new Date();
    await enroll(pool, { sequenceId, versionId, contactIds: contacts, at: enrolledAt });

    const advanced = () =>
      countWhere(pool, `SELECT count(*) AS n FROM enrollments WHERE sequence_id = $1 AND current_step_index > 0`, [
        sequenceId,
      ]);

    // Small batches make the first worker's run long enough (~100 commits) to be cut short.
    const first = spawnWorker({ WORKER_BATCH_SIZE: "50", WORKER_POLL_MS: "100" });
    // Kill it a fifth of the way in, most likely in the middle of a batch's transaction.
    await waitFor(advanced, (n) => n >= 1_000, {
      timeoutMs: 30_000,
      intervalMs: 5,
      what: `the first worker's progress\n${first.output()}`,
    });
    first.child.kill("SIGKILL");
    expect(await first.exited).toEqual({ code: null, signal: "SIGKILL" });
    const afterKill = await advanced();
    console.log(`crash test: ${afterKill} of ${N} enrollments had advanced when the first worker was killed`);
    expect(afterKill).toBeGreaterThan(0);
    expect(afterKill).toBeLessThan(N);

    const second = spawnWorker({ WORKER_BATCH_SIZE: "200", WORKER_POLL_MS: "100" });
    await waitFor(advanced, (n) => n === N, {
      timeoutMs: 40_000,
      intervalMs: 100,
      what: `the second worker to finish\n${second.output()}`,
    });
    second.child.kill("SIGTERM");
    expect((await second.exited).code).toBe(0);

    const params = [sequenceId];
    const inSequence = `enrollment_id IN (SELECT id FROM enrollments WHERE sequence_id = $1)`;
    expect(await countWhere(pool, `SELECT count(*) AS n FROM messages WHERE ${inSequence}`, params)).toBe(2 * N);
    expect(
      await countWhere(
        pool,
        `SELECT count(*) AS n FROM messages WHERE ${inSequence} AND channel = 'email' AND step_key = 'e1'`,
        params,
      ),
    ).toBe(N);
    expect(
      await countWhere(
        pool,
        `SELECT count(*) AS n FROM messages WHERE ${inSequence} AND channel = 'sms' AND step_key = 's1'`,
        params,
      ),
    ).toBe(N);
    expect(
      await countWhere(
        pool,
        `SELECT count(*) AS n FROM enrollment_events WHERE ${inSequence} AND type = 'step_executed'`,
        params,
      ),
    ).toBe(3 * N);
    // `waited` rows have no unique key, so this count shows a batch never half-repeated.
    expect(
      await countWhere(
        pool,
        `SELECT count(*) AS n FROM enrollment_events WHERE ${inSequence} AND type = 'waited'`,
        params,
      ),
    ).toBe(N);
    // Per enrollment: exactly e1, s1 (messages) and e1, s1, w1 (executions), none missing, none twice.
    expect(
      await countWhere(
        pool,
        `SELECT count(*) AS n FROM enrollments e WHERE e.sequence_id = $1 AND (
           (SELECT count(*) FROM messages m WHERE m.enrollment_id = e.id) <> 2
           OR (SELECT array_agg(step_key ORDER BY step_index) FROM enrollment_events v WHERE v.enrollment_id = e.id AND v.type = 'step_executed') <> ARRAY['e1','s1','w1']
           OR e.status <> 'active' OR e.current_step_key <> 'e2' OR e.next_run_at < $2)`,
        [sequenceId, new Date(enrolledAt.getTime() + DAY)],
      ),
    ).toBe(0);
  });
});
