// Several workers on one database: SKIP LOCKED hands each due enrollment to exactly one of them.
import { afterAll, describe, expect, it } from "vitest";
import { drainDeliveries } from "@/lib/engine/deliver-messages";
import { drainDue } from "@/lib/engine/run-batch";
import { OutboxTransport } from "@/lib/engine/transports";
import { VersionCache } from "@/lib/store/versions";
import { countWhere, createContacts, createSequenceWithVersion, enroll, testPool } from "./support/runner-fixtures";

const pool = testPool();
afterAll(() => pool.end());

const STEPS = [
  { key: "e1", type: "email" as const, subject: "Hi {{first_name}}", body: "Hello {{first_name}} {{last_name}}" },
  { key: "w1", type: "wait" as const, amount: 2, unit: "days" as const },
  { key: "e2", type: "email" as const, subject: "Again", body: "Hello again" },
];

describe("two workers at once", () => {
  it("drain 2,000 due enrollments together on separate connections with no duplicates", async () => {
    const now = new Date("2001-01-01T12:00:00.000Z");
    const { sequenceId, versionId } = await createSequenceWithVersion(pool, STEPS);
    const contacts = await createContacts(pool, 2_000);
    await enroll(pool, { sequenceId, versionId, contactIds: contacts, at: now });

    const poolA = testPool(2);
    const poolB = testPool(2);
    try {
      const [a, b] = await Promise.all([
        drainDue({
          pool: poolA,
          now,
          scope: { sequenceIds: [sequenceId] },
          batchSize: 100,
          versions: new VersionCache(),
        }),
        drainDue({
          pool: poolB,
          now,
          scope: { sequenceIds: [sequenceId] },
          batchSize: 100,
          versions: new VersionCache(),
        }),
      ]);
      // Both really worked (the test would prove nothing if one did everything).
      expect(a.claimed).toBeGreaterThan(0);
      expect(b.claimed).toBeGreaterThan(0);
      expect(a.claimed + b.claimed).toBeGreaterThanOrEqual(2_000);
    } finally {
      await Promise.all([poolA.end(), poolB.end()]);
    }

    const inSequence = `enrollment_id IN (SELECT id FROM enrollments WHERE sequence_id = $1)`;
    expect(await countWhere(pool, `SELECT count(*) AS n FROM messages WHERE ${inSequence}`, [sequenceId])).toBe(2_000);
    expect(
      await countWhere(
        pool,
        `SELECT count(*) AS n FROM enrollment_events WHERE ${inSequence} AND type = 'step_executed'`,
        [sequenceId],
      ),
    ).toBe(4_000);
    expect(
      await countWhere(pool, `SELECT count(*) AS n FROM enrollment_events WHERE ${inSequence} AND type = 'waited'`, [
        sequenceId,
      ]),
    ).toBe(2_000);
    expect(
      await countWhere(
        pool,
        `SELECT count(*) AS n FROM enrollments WHERE sequence_id = $1 AND current_step_key = 'e2' AND next_run_at = $2`,
        [sequenceId, new Date(now.getTime() + 2 * 86_400_000)],
      ),
    ).toBe(2_000);
    // Two deliverers at once on the same queued messages: each is sent exactly once.
    const poolC = testPool(2);
    const poolD = testPool(2);
    const transportFor = () => new OutboxTransport();
    try {
      const scope = { sequenceIds: [sequenceId] };
      const [c, d] = await Promise.all([
        drainDeliveries({ pool: poolC, now, transportFor, scope, limit: 100 }),
        drainDeliveries({ pool: poolD, now, transportFor, scope, limit: 100 }),
      ]);
      expect(c.sent).toBeGreaterThan(0);
      expect(d.sent).toBeGreaterThan(0);
      expect(c.sent + d.sent).toBe(2_000);
    } finally {
      await Promise.all([poolC.end(), poolD.end()]);
    }
    const sent = await pool.query<{ sent: string; events: string; distinct: string }>(
      `SELECT (SELECT count(*) FROM messages WHERE ${inSequence} AND status = 'sent') AS sent,
              count(*) AS events, count(DISTINCT detail->>'messageId') AS distinct
       FROM enrollment_events WHERE ${inSequence} AND type = 'message_sent'`,
      [sequenceId],
    );
    expect(sent.rows[0]).toEqual({ sent: "2000", events: "2000", distinct: "2000" });
  });

  it("drains 5,000 due enrollments in-process (throughput, informal)", async () => {
    const now = new Date("1999-01-01T12:00:00.000Z");
    const { sequenceId, versionId } = await createSequenceWithVersion(pool, STEPS);
    const contacts = await createContacts(pool, 5_000);
    await enroll(pool, { sequenceId, versionId, contactIds: contacts, at: now });
    const started = performance.now();
    const result = await drainDue({ pool, now, scope: { sequenceIds: [sequenceId] } });
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `drainDue: ${result.claimed} enrollments, ${result.steps} step executions, ${result.batches} batches in ${seconds.toFixed(2)} s = ${Math.round(result.steps / seconds)} executions/s`,
    );
    expect(result.steps).toBe(10_000);
    expect(
      await countWhere(
        pool,
        `SELECT count(*) AS n FROM enrollments WHERE sequence_id = $1 AND current_step_key = 'e2'`,
        [sequenceId],
      ),
    ).toBe(5_000);
  });
});
