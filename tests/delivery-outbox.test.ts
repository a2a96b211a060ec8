// Delivery with the default transport (the outbox): the claim loop on the message rows, its
// idempotency, its retry schedule (exponential backoff on the clock) and its failure paths.
import { afterAll, describe, expect, it } from "vitest";
import { ManualClock } from "@/lib/engine/clock";
import { deliverDue } from "@/lib/engine/deliver-messages";
import type { DeliverySettings } from "@/lib/engine/delivery-settings";
import { runDueBatch } from "@/lib/engine/run-batch";
import { OutboxTransport, type Transport } from "@/lib/engine/transports";
import { startWorker } from "@/lib/engine/worker";
import { createContacts, createSequenceWithVersion, enroll, testPool, timeline } from "./support/runner-fixtures";
import { waitFor } from "./support/runner-process";

const pool = testPool();
afterAll(() => pool.end());

const clock = new ManualClock("1991-04-01T10:00:00.000Z");
const outbox = new OutboxTransport();
const settings = (maxAttempts: number): DeliverySettings => ({
  maxAttempts,
  backoffMs: 60_000,
  backoffMaxMs: 3_600_000,
});

async function setup(steps: Parameters<typeof createSequenceWithVersion>[1], options: { noPhone?: boolean } = {}) {
  const { sequenceId, versionId } = await createSequenceWithVersion(pool, steps);
  const [contactId] = await createContacts(pool, 1);
  if (options.noPhone) await pool.query(`UPDATE contacts SET phone = NULL WHERE id = $1`, [contactId]);
  const [enrollmentId] = await enroll(pool, { sequenceId, versionId, contactIds: [contactId!], at: clock.now() });
  await runDueBatch({ pool, now: clock.now(), scope: { sequenceIds: [sequenceId] } });
  const { rows } = await pool.query<{ id: string }>(`SELECT id FROM messages WHERE enrollment_id = $1 ORDER BY id`, [
    enrollmentId,
  ]);
  return { enrollmentId: enrollmentId!, messageIds: rows.map((r) => r.id), scope: { enrollmentIds: [enrollmentId!] } };
}

const message = async (id: string) =>
  (
    await pool.query(
      `SELECT status::text AS status, attempts, last_error, sent_at, next_attempt_at FROM messages WHERE id = $1`,
      [id],
    )
  ).rows[0] as {
    status: string;
    attempts: number;
    last_error: string | null;
    sent_at: Date | null;
    next_attempt_at: Date | null;
  };
const enrollmentRow = async (id: string) =>
  (await pool.query(`SELECT status::text AS status, exit_reason, next_run_at FROM enrollments WHERE id = $1`, [id]))
    .rows[0] as { status: string; exit_reason: string | null; next_run_at: Date | null };

const EMAIL_THEN_WAIT = [
  { key: "e1", type: "email" as const, subject: "Hi", body: "Hello {{first_name}}" },
  { key: "w1", type: "wait" as const, amount: 1, unit: "days" as const },
];

const at = (ms: number) => new Date(clock.now().getTime() + ms);

describe("outbox delivery", () => {
  it("a new message is queued and due at once; delivery marks it sent once, and a second claim sends nothing", async () => {
    const { enrollmentId, messageIds, scope } = await setup(EMAIL_THEN_WAIT);
    expect(messageIds).toHaveLength(1);
    expect(await message(messageIds[0]!)).toMatchObject({
      status: "queued",
      attempts: 0,
      next_attempt_at: clock.now(),
    });
    const first = await deliverDue({
      pool,
      now: clock.now(),
      scope,
      transportFor: () => outbox,
      settings: settings(3),
    });
    expect(first).toMatchObject({ claimed: 1, sent: 1, failed: 0 });
    expect(await message(messageIds[0]!)).toMatchObject({
      status: "sent",
      attempts: 1,
      sent_at: clock.now(),
      next_attempt_at: null,
    });

    let sends = 0;
    const counting: Transport = { name: "counting", send: async () => void (sends += 1) };
    const again = await deliverDue({ pool, now: at(86_400_000), scope, transportFor: () => counting });
    expect(again).toMatchObject({ claimed: 0, sent: 0 });
    expect(sends).toBe(0);
    expect((await timeline(pool, enrollmentId)).filter((e) => e.type === "message_sent")).toHaveLength(1);
  });

  it("retries a failing send after an exponential backoff (attempts and last error recorded), then fails message and enrollment on the last attempt", async () => {
    const { enrollmentId, messageIds, scope } = await setup(EMAIL_THEN_WAIT);
    let sends = 0;
    const broken: Transport = {
      name: "broken",
      send: async () => {
        sends += 1;
        throw new Error("connection refused");
      },
    };
    const deliver = (now: Date) => deliverDue({ pool, now, scope, transportFor: () => broken, settings: settings(3) });
    expect(await deliver(clock.now())).toMatchObject({ claimed: 1, retrying: 1, failed: 0 });
    expect(await message(messageIds[0]!)).toMatchObject({
      status: "queued",
      attempts: 1,
      last_error: "connection refused",
      next_attempt_at: at(60_000),
    });
    expect((await enrollmentRow(enrollmentId)).status).toBe("active");

    // Not due before its backoff; due after it; the second delay is twice the first.
    expect(await deliver(at(59_999))).toMatchObject({ claimed: 0 });
    expect(await deliver(at(60_000))).toMatchObject({ claimed: 1, retrying: 1 });
    expect(await message(messageIds[0]!)).toMatchObject({ attempts: 2, next_attempt_at: at(60_000 + 120_000) });
    expect(await deliver(at(179_999))).toMatchObject({ claimed: 0 });

    const last = await deliver(at(180_000));
    expect(last).toMatchObject({ claimed: 1, sent: 0, failed: 1 });
    expect(sends).toBe(3);
    expect(await message(messageIds[0]!)).toMatchObject({
      status: "failed",
      attempts: 3,
      last_error: "connection refused",
      next_attempt_at: null,
    });
    expect(await enrollmentRow(enrollmentId)).toEqual({
      status: "failed",
      exit_reason: "Delivery failed: connection refused",
      next_run_at: null,
    });
    const types = (await timeline(pool, enrollmentId)).map((e) => e.type);
    expect(types.slice(-2)).toEqual(["message_failed", "failed"]);
    expect(await deliver(at(86_400_000))).toMatchObject({ claimed: 0 });
  });

  it("never queues an SMS for a contact with no phone number: the step is skipped (the default) and the email still goes", async () => {
    // Before send windows and missing-channel rules, such a message was queued and then failed the
    // enrollment at delivery; now the runner skips the step with a reason and continues.
    const { enrollmentId, messageIds, scope } = await setup(
      [{ key: "s1", type: "sms", body: "Hi" }, ...EMAIL_THEN_WAIT],
      {
        noPhone: true,
      },
    );
    expect(messageIds).toHaveLength(1);
    const result = await deliverDue({
      pool,
      now: clock.now(),
      scope,
      transportFor: () => outbox,
      settings: settings(5),
    });
    expect(result).toMatchObject({ claimed: 1, sent: 1, failed: 0, retrying: 0 });
    expect((await enrollmentRow(enrollmentId)).status).toBe("active");
    const { rows } = await pool.query<{ step_key: string; detail: { reason: string; channel: string } }>(
      `SELECT step_key, detail FROM enrollment_events WHERE enrollment_id = $1 AND type = 'step_skipped'`,
      [enrollmentId],
    );
    expect(rows).toEqual([
      { step_key: "s1", detail: expect.objectContaining({ reason: "missing_channel", channel: "sms" }) },
    ]);
  });

  it("a stop request ends the claim between sends: what was sent is recorded, the rest released still queued and due", async () => {
    const { sequenceId, versionId } = await createSequenceWithVersion(pool, EMAIL_THEN_WAIT);
    const contacts = await createContacts(pool, 10);
    await enroll(pool, { sequenceId, versionId, contactIds: contacts, at: clock.now() });
    const scope = { sequenceIds: [sequenceId] };
    await runDueBatch({ pool, now: clock.now(), scope });
    const stop = new AbortController();
    let sends = 0;
    const stopping: Transport = {
      name: "stopping",
      send: async () => {
        if (++sends === 3) stop.abort();
      },
    };
    const result = await deliverDue({
      pool,
      now: clock.now(),
      scope,
      transportFor: () => stopping,
      concurrency: 1,
      signal: stop.signal,
    });
    expect(result).toMatchObject({ claimed: 10, sent: 3, released: 7 });
    const rest = await deliverDue({ pool, now: clock.now(), scope, transportFor: () => outbox });
    expect(rest).toMatchObject({ claimed: 7, sent: 7 });
  });

  it("the worker's delivery loop sends what the batch queued", async () => {
    const { messageIds, scope } = await setup(EMAIL_THEN_WAIT);
    const worker = await startWorker({
      scope,
      connectionString: process.env.DATABASE_URL,
      advance: false,
      smtpUrl: null,
      pollMs: 100,
      clock,
    });
    try {
      await waitFor(
        () => message(messageIds[0]!),
        (m) => m.status === "sent",
        { timeoutMs: 30_000, intervalMs: 100, what: "the delivery loop" },
      );
    } finally {
      await worker.stop();
    }
  });
});
