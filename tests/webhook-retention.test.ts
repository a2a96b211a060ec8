// Retention: finished webhook deliveries (with their attempts and events) older than
// WEBHOOK_RETENTION_DAYS go; pending ones never do; idempotency records go after 24 hours.
// Time comes from an injectable clock, the way the worker passes it.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "@/lib/engine/clock";
import { installJobQueueSchema } from "@/lib/engine/job-queue";
import { pruneRetention, webhookRetentionDaysFromEnv } from "@/lib/engine/webhooks/retention";
import { db } from "@/lib/server/db";
import { createWebhookEndpoint } from "@/lib/server/webhooks/create-webhook-endpoint";
import { makeApiKey } from "./support/api";
import { fixtureActorId, testPool } from "./support/runner-fixtures";

const pool = testPool();
let endpointId: string;
const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  await installJobQueueSchema(pool);
  ({ endpointId } = await createWebhookEndpoint({
    actorId: await fixtureActorId(),
    url: "https://receiver.example/hooks",
    description: "retention",
    eventTypes: ["task.created"],
  }));
});
afterAll(async () => {
  await pool.query(`SELECT graphile_worker.remove_job('webhook:' || $1)`, [endpointId]);
  await pool.query(`DELETE FROM webhook_endpoints WHERE id = $1`, [endpointId]);
  await pool.end();
  await db().$disconnect();
});

/** An event with its delivery to the endpoint, `ageDays` old, in `status`, with one attempt. */
async function delivery(now: Date, ageDays: number, status: "pending" | "succeeded" | "failed") {
  const at = new Date(now.getTime() - ageDays * DAY);
  const key = randomUUID();
  const event = await pool.query<{ id: string; seq: string }>(
    `INSERT INTO webhook_events (type, ordering_key, data, at) VALUES ('task.created', $1, '{}', $2) RETURNING id, seq`,
    [key, at],
  );
  const { id: eventId, seq } = event.rows[0]!;
  await pool.query(
    `INSERT INTO webhook_deliveries (endpoint_id, event_id, event_seq, ordering_key) VALUES ($1, $2, $3, $4)
     ON CONFLICT (endpoint_id, event_id) DO NOTHING`,
    [endpointId, eventId, seq, key],
  );
  const d = await pool.query<{ id: string }>(
    `UPDATE webhook_deliveries SET status = $3, created_at = $4, last_attempt_at = $4, attempts = 1
     WHERE endpoint_id = $1 AND event_id = $2 RETURNING id`,
    [endpointId, eventId, status, at],
  );
  const deliveryId = d.rows[0]!.id;
  await pool.query(
    `INSERT INTO webhook_attempts (delivery_id, attempt, at, response_code, duration_ms) VALUES ($1, 1, $2, 200, 5)`,
    [deliveryId, at],
  );
  return { eventId, deliveryId };
}

const exists = async (table: string, id: string) =>
  (await pool.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id])).rowCount === 1;

describe("retention", () => {
  it("prunes finished deliveries, their attempts and events past the window; keeps pending and recent ones", async () => {
    const clock = new ManualClock("2027-03-01T12:00:00Z");
    const oldDone = await delivery(clock.now(), 31, "succeeded");
    const oldFailed = await delivery(clock.now(), 45, "failed");
    const oldPending = await delivery(clock.now(), 40, "pending");
    const recent = await delivery(clock.now(), 29, "succeeded");

    const result = await pruneRetention({ pool, now: clock.now(), webhookRetentionDays: 30 });
    expect(result.deliveries).toBeGreaterThanOrEqual(2);
    for (const gone of [oldDone, oldFailed]) {
      expect(await exists("webhook_deliveries", gone.deliveryId)).toBe(false);
      expect(await exists("webhook_events", gone.eventId)).toBe(false);
      const attempts = await pool.query(`SELECT 1 FROM webhook_attempts WHERE delivery_id = $1`, [gone.deliveryId]);
      expect(attempts.rowCount).toBe(0);
    }
    // Pending: the delivery and its event stay (its old attempt row is log, and goes).
    expect(await exists("webhook_deliveries", oldPending.deliveryId)).toBe(true);
    expect(await exists("webhook_events", oldPending.eventId)).toBe(true);
    expect(await exists("webhook_deliveries", recent.deliveryId)).toBe(true);
    expect(await exists("webhook_events", recent.eventId)).toBe(true);

    // Two days later on the clock the recent one has aged out too; a second pass is idempotent.
    clock.advance(2 * DAY);
    await pruneRetention({ pool, now: clock.now(), webhookRetentionDays: 30 });
    expect(await exists("webhook_deliveries", recent.deliveryId)).toBe(false);
    expect(await exists("webhook_deliveries", oldPending.deliveryId)).toBe(true);
    const again = await pruneRetention({ pool, now: clock.now(), webhookRetentionDays: 30 });
    expect(again.deliveries).toBe(0);
  });

  it("drops idempotency records after the 24 hours the API promises, not before", async () => {
    const { id: apiKeyId } = await makeApiKey(["enroll"]);
    const clock = new ManualClock("2027-04-01T00:00:00Z");
    const insert = (key: string, hoursAgo: number) =>
      pool.query(
        `INSERT INTO idempotency_records (api_key_id, key, request_hash, status, response, created_at)
         VALUES ($1, $2, 'h', 201, '{}', $3)`,
        [apiKeyId, key, new Date(clock.now().getTime() - hoursAgo * 60 * 60 * 1000)],
      );
    await insert("old", 25);
    await insert("fresh", 23);
    await pruneRetention({ pool, now: clock.now(), webhookRetentionDays: 30 });
    const keys = await pool.query<{ key: string }>(`SELECT key FROM idempotency_records WHERE api_key_id = $1`, [
      apiKeyId,
    ]);
    expect(keys.rows.map((r) => r.key)).toEqual(["fresh"]);
  });

  it("reads WEBHOOK_RETENTION_DAYS (default 30) and refuses nonsense", () => {
    expect(webhookRetentionDaysFromEnv({})).toBe(30);
    expect(webhookRetentionDaysFromEnv({ WEBHOOK_RETENTION_DAYS: "7" })).toBe(7);
    expect(() => webhookRetentionDaysFromEnv({ WEBHOOK_RETENTION_DAYS: "0" })).toThrow(/1 to 3650/);
    expect(() => webhookRetentionDaysFromEnv({ WEBHOOK_RETENTION_DAYS: "a week" })).toThrow(/WEBHOOK_RETENTION_DAYS/);
  });
});
