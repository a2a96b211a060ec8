// Delivery with the default transport (the outbox), its idempotency and its failure paths.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "@/lib/engine/clock";
import { deliverMessages, DeliveryRetryError } from "@/lib/engine/deliver-messages";
import { installDeliverySchema } from "@/lib/engine/delivery-jobs";
import { runDueBatch } from "@/lib/engine/run-batch";
import { OutboxTransport, type Transport } from "@/lib/engine/transports";
import { startWorker } from "@/lib/engine/worker";
import { createContacts, createSequenceWithVersion, enroll, testPool, timeline } from "./support/runner-fixtures";
import { waitFor } from "./support/runner-process";

const pool = testPool();
beforeAll(() => installDeliverySchema(pool));
afterAll(() => pool.end());

const clock = new ManualClock("1991-04-01T10:00:00.000Z");
const outbox = new OutboxTransport();

async function setup(steps: Parameters<typeof createSequenceWithVersion>[1], options: { noPhone?: boolean } = {}) {
  const { sequenceId, versionId } = await createSequenceWithVersion(pool, steps);
  const [contactId] = await createContacts(pool, 1);
  if (options.noPhone) await pool.query(`UPDATE contacts SET phone = NULL WHERE id = $1`, [contactId]);
  const [enrollmentId] = await enroll(pool, { sequenceId, versionId, contactIds: [contactId!], at: clock.now() });
  await runDueBatch({ pool, now: clock.now(), scope: { sequenceIds: [sequenceId] }, deliveryMaxAttempts: 3 });
  const { rows } = await pool.query<{ id: string }>(`SELECT id FROM messages WHERE enrollment_id = $1 ORDER BY id`, [
    enrollmentId,
  ]);
  return { enrollmentId: enrollmentId!, messageIds: rows.map((r) => r.id) };
}

const message = async (id: string) =>
  (await pool.query(`SELECT status::text AS status, attempts, last_error, sent_at FROM messages WHERE id = $1`, [id]))
    .rows[0] as { status: string; attempts: number; last_error: string | null; sent_at: Date | null };
const enrollmentRow = async (id: string) =>
  (await pool.query(`SELECT status::text AS status, exit_reason, next_run_at FROM enrollments WHERE id = $1`, [id]))
    .rows[0] as { status: string; exit_reason: string | null; next_run_at: Date | null };

const EMAIL_THEN_WAIT = [
  { key: "e1", type: "email" as const, subject: "Hi", body: "Hello {{first_name}}" },
  { key: "w1", type: "wait" as const, amount: 1, unit: "days" as const },
];

describe("outbox delivery", () => {
  it("marks the message sent once, and a repeated job sends nothing", async () => {
    const { enrollmentId, messageIds } = await setup(EMAIL_THEN_WAIT);
    expect(messageIds).toHaveLength(1);
    const first = await deliverMessages({
      pool,
      ids: messageIds,
      attempt: 1,
      maxAttempts: 3,
      transportFor: () => outbox,
      clock,
    });
    expect(first).toMatchObject({ sent: 1, failed: 0, skipped: 0 });
    expect(await message(messageIds[0]!)).toMatchObject({ status: "sent", attempts: 1, sent_at: clock.now() });

    let sends = 0;
    const counting: Transport = { name: "counting", send: async () => void (sends += 1) };
    const again = await deliverMessages({
      pool,
      ids: messageIds,
      attempt: 2,
      maxAttempts: 3,
      transportFor: () => counting,
      clock,
    });
    expect(again).toMatchObject({ sent: 0, skipped: 1 });
    expect(sends).toBe(0);
    expect((await timeline(pool, enrollmentId)).filter((e) => e.type === "message_sent")).toHaveLength(1);
  });

  it("retries a failing send (attempts and last error recorded), then fails message and enrollment on the last attempt", async () => {
    const { enrollmentId, messageIds } = await setup(EMAIL_THEN_WAIT);
    const broken: Transport = {
      name: "broken",
      send: async () => {
        throw new Error("connection refused");
      },
    };
    await expect(
      deliverMessages({ pool, ids: messageIds, attempt: 1, maxAttempts: 2, transportFor: () => broken, clock }),
    ).rejects.toBeInstanceOf(DeliveryRetryError);
    expect(await message(messageIds[0]!)).toMatchObject({
      status: "queued",
      attempts: 1,
      last_error: "connection refused",
    });
    expect((await enrollmentRow(enrollmentId)).status).toBe("active");

    const last = await deliverMessages({
      pool,
      ids: messageIds,
      attempt: 2,
      maxAttempts: 2,
      transportFor: () => broken,
      clock,
    });
    expect(last).toMatchObject({ sent: 0, failed: 1 });
    expect(await message(messageIds[0]!)).toMatchObject({
      status: "failed",
      attempts: 2,
      last_error: "connection refused",
    });
    expect(await enrollmentRow(enrollmentId)).toEqual({
      status: "failed",
      exit_reason: "Delivery failed: connection refused",
      next_run_at: null,
    });
    const types = (await timeline(pool, enrollmentId)).map((e) => e.type);
    expect(types.slice(-2)).toEqual(["message_failed", "failed"]);
  });

  it("fails at once, without retrying, an SMS to a contact with no phone number", async () => {
    const { enrollmentId, messageIds } = await setup([{ key: "s1", type: "sms", body: "Hi" }, ...EMAIL_THEN_WAIT], {
      noPhone: true,
    });
    const result = await deliverMessages({
      pool,
      ids: messageIds.slice(0, 1),
      attempt: 1,
      maxAttempts: 5,
      transportFor: () => outbox,
      clock,
    });
    expect(result).toMatchObject({ failed: 1 });
    expect(await enrollmentRow(enrollmentId)).toMatchObject({
      status: "failed",
      exit_reason: "Delivery failed: The contact has no phone number",
    });
  });

  it("the worker's graphile-worker runner delivers the jobs the batch queued", async () => {
    const { messageIds } = await setup(EMAIL_THEN_WAIT);
    const worker = await startWorker({
      connectionString: process.env.DATABASE_URL,
      advance: false,
      smtpUrl: null,
      concurrency: 2,
      clock,
    });
    try {
      await waitFor(
        () => message(messageIds[0]!),
        (m) => m.status === "sent",
        { timeoutMs: 30_000, intervalMs: 100, what: "the delivery job" },
      );
    } finally {
      await worker.stop();
    }
  });
});
