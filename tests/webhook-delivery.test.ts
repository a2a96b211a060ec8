// Webhooks end to end below the UI: the outbox triggers, a real graphile-worker runner running the
// delivery task, a real HTTP receiver on 127.0.0.1, signatures checked by an independent HMAC.
import { createHmac, timingSafeEqual } from "node:crypto";
import { run, type Runner } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installJobQueueSchema, quietLogger } from "@/lib/engine/job-queue";
import { runDueBatch } from "@/lib/engine/run-batch";
import { webhookTasks, type WebhookTasks } from "@/lib/engine/webhooks/webhook-task";
import { db } from "@/lib/server/db";
import { completeTask } from "@/lib/server/enrollments/complete-task";
import { createWebhookEndpoint } from "@/lib/server/webhooks/create-webhook-endpoint";
import { redeliverWebhook } from "@/lib/server/webhooks/redeliver-webhook";
import { rotateWebhookSecret } from "@/lib/server/webhooks/rotate-webhook-secret";
import { setWebhookEndpointEnabled } from "@/lib/server/webhooks/set-webhook-endpoint-enabled";
import { createContacts, createSequenceWithVersion, enroll, fixtureActorId, testPool } from "./support/runner-fixtures";
import { waitFor } from "./support/runner-process";
import { startReceiver, type Receiver, type Received } from "./support/webhook-receiver";

const pool = testPool(10);
let receiver: Receiver;
let runner: Runner;
let webhooks: WebhookTasks;
const endpointIds: string[] = [];

// Short backoff (12 s in all, enough on a loaded 2-core machine for the receiver to stay down while
// the scenario runs) so "down for a while" fits a test; the real schedule spans ~24 h.
const BACKOFF = [100, 200, 400, 800, 1000, 1500, 2000, 2000, 2000, 2000];

beforeAll(async () => {
  await installJobQueueSchema(pool);
  receiver = await startReceiver();
  webhooks = webhookTasks({ pool, backoff: BACKOFF, policy: { allowPrivate: true }, timeoutMs: 2000 });
  runner = await run({
    pgPool: pool,
    concurrency: 4,
    noHandleSignals: true,
    pollInterval: 100,
    logger: quietLogger(),
    taskList: webhooks.tasks,
  });
});

afterAll(async () => {
  await runner?.stop();
  webhooks?.close();
  await receiver?.close();
  // Leave nothing subscribed for the test files after this one.
  for (const id of endpointIds) await pool.query(`SELECT graphile_worker.remove_job('webhook:' || $1)`, [id]);
  await pool.query(`DELETE FROM webhook_endpoints WHERE id = ANY ($1::uuid[])`, [endpointIds]);
  await pool.end();
  await db().$disconnect();
});

async function endpoint(url: string, eventTypes?: string[]) {
  const created = await createWebhookEndpoint({
    actorId: await fixtureActorId(),
    url,
    description: "test",
    eventTypes: (eventTypes ?? [
      "version.published",
      "enrollment.created",
      "enrollment.completed",
      "task.created",
      "task.completed",
      "contact.unsubscribed",
    ]) as never,
  });
  endpointIds.push(created.endpointId);
  return created;
}

/** Independent Standard Webhooks verification (node:crypto), as a receiver would write it. */
function verified(secret: string, r: Received): boolean {
  const key = Buffer.from(secret.slice("whsec_".length), "base64");
  const mac = createHmac("sha256", key)
    .update(`${r.headers["webhook-id"]}.${r.headers["webhook-timestamp"]}.${r.body}`)
    .digest();
  return (r.headers["webhook-signature"] ?? "").split(" ").some((s) => {
    const [v, b64] = s.split(",");
    const got = Buffer.from(b64 ?? "", "base64");
    return v === "v1" && got.length === mac.length && timingSafeEqual(got, mac);
  });
}

const TASKS = [
  { key: "t1", type: "task" as const, title: "Call" },
  { key: "t2", type: "task" as const, title: "Call again" },
];

/** A sequence (published while the endpoint listens), `n` enrolled contacts, the runner to the end. */
async function scenario(n: number) {
  const { sequenceId, versionId } = await createSequenceWithVersion(pool, TASKS);
  const contacts = await createContacts(pool, n);
  const at = new Date(Date.now() - 1000);
  const enrollmentIds = await enroll(pool, { sequenceId, versionId, contactIds: contacts, at });
  const actorId = await fixtureActorId();
  const advance = () => runDueBatch({ pool, now: new Date(Date.now() + 1000), scope: { sequenceIds: [sequenceId] } });
  // Each task step blocks until its task is completed: created, completed, next step, ...
  for (let step = 0; step < TASKS.length; step++) {
    await advance();
    const { rows } = await pool.query<{ id: string }>(
      `SELECT id FROM tasks WHERE enrollment_id = ANY ($1::uuid[]) AND completed_at IS NULL ORDER BY id`,
      [enrollmentIds],
    );
    for (const task of rows) await completeTask({ actorId, taskId: task.id });
  }
  await advance();
  return { sequenceId, versionId, contacts, enrollmentIds };
}

const deliveriesOf = async (endpointId: string) =>
  (
    await pool.query<{ status: string; n: number }>(
      `SELECT status::text AS status, count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = $1 GROUP BY 1`,
      [endpointId],
    )
  ).rows;
const countStatus = (rows: { status: string; n: number }[], status: string) =>
  rows.find((r) => r.status === status)?.n ?? 0;

// A loaded shared machine stretches the scenarios; the waits, not the timeouts, are the assertions.
describe("webhook delivery", { timeout: 120_000 }, () => {
  it("sends signed Standard Webhooks requests an independent HMAC verifies, with the documented payload", async () => {
    receiver.received.length = 0;
    const { endpointId, secret } = await endpoint(receiver.url);
    const { sequenceId, versionId, enrollmentIds } = await scenario(1);
    await waitFor(
      () => deliveriesOf(endpointId),
      (r) => countStatus(r, "succeeded") === 7,
      {
        timeoutMs: 15_000,
        what: "7 deliveries",
      },
    );
    const all = await pool.query<{ status: string }>(
      `SELECT d.status::text AS status FROM webhook_deliveries d WHERE endpoint_id = $1`,
      [endpointId],
    );
    expect(all.rows.map((r) => r.status)).toEqual(Array(7).fill("succeeded"));
    const mine = receiver.received.filter((r) => r.body.includes(sequenceId));
    expect(mine).toHaveLength(7);
    for (const r of mine) {
      expect(verified(secret, r)).toBe(true);
      expect(r.headers["content-type"]).toBe("application/json");
      expect(Math.abs(Number(r.headers["webhook-timestamp"]) - Date.now() / 1000)).toBeLessThan(60);
    }
    const bodies = mine.map(
      (r) => JSON.parse(r.body) as { type: string; timestamp: string; data: Record<string, unknown> },
    );
    expect(bodies.map((b) => b.type)).toEqual([
      "version.published",
      "enrollment.created",
      "task.created",
      "task.completed",
      "task.created",
      "task.completed",
      "enrollment.completed",
    ]);
    expect(bodies[0]!.data).toMatchObject({ sequenceId, versionId, number: 1 });
    expect(bodies[1]!.data).toMatchObject({ enrollmentId: enrollmentIds[0], sequenceId, sequenceVersionId: versionId });
    expect(bodies[2]!.data).toMatchObject({ stepKey: "t1" });
    expect(new Date(bodies[1]!.timestamp).toISOString()).toBe(bodies[1]!.timestamp);

    // Rotation: both secrets sign during the overlap.
    const rotated = await rotateWebhookSecret({ actorId: await fixtureActorId(), endpointId });
    const delivery = (
      await pool.query<{ id: string }>(`SELECT id FROM webhook_deliveries WHERE endpoint_id = $1 LIMIT 1`, [endpointId])
    ).rows[0]!;
    const before = receiver.received.length;
    await redeliverWebhook({ actorId: await fixtureActorId(), deliveryId: delivery.id });
    await waitFor(
      async () => receiver.received.length,
      (n) => n > before,
      { timeoutMs: 10_000, what: "redelivery" },
    );
    const again = receiver.received.at(-1)!;
    expect(again.headers["webhook-signature"]!.split(" ")).toHaveLength(2);
    expect(verified(secret, again)).toBe(true);
    expect(verified(rotated.secret, again)).toBe(true);
    await setWebhookEndpointEnabled({ actorId: await fixtureActorId(), endpointId, enabled: false });
  });

  it("receiver down then up: every event delivered, in order per enrollment, none lost", async () => {
    receiver.received.length = 0;
    await receiver.down();
    const { endpointId } = await endpoint(receiver.url);
    const { sequenceId, enrollmentIds } = await scenario(20);
    // Attempts fail while the receiver is down (connection refused) and are recorded.
    await waitFor(
      async () =>
        (
          await pool.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id
             WHERE d.endpoint_id = $1 AND a.error IS NOT NULL`,
            [endpointId],
          )
        ).rows[0]!.n,
      (n) => n >= 20,
      { timeoutMs: 10_000, what: "failed attempts" },
    );
    await receiver.up();
    const expected = 1 + 20 * 6;
    await waitFor(
      () => deliveriesOf(endpointId),
      (r) => countStatus(r, "succeeded") === expected,
      {
        timeoutMs: 60_000,
        what: `${expected} deliveries`,
      },
    );
    const { rows: events } = await pool.query<{ id: string; ordering_key: string }>(
      `SELECT ev.id, ev.ordering_key FROM webhook_deliveries d JOIN webhook_events ev ON ev.id = d.event_id
       WHERE d.endpoint_id = $1 ORDER BY ev.seq`,
      [endpointId],
    );
    const got = receiver.received.filter((r) => r.body.includes(sequenceId));
    const ids = got.map((r) => r.headers["webhook-id"]!);
    expect(new Set(ids)).toEqual(new Set(events.map((e) => e.id))); // none lost
    for (const enrollmentId of enrollmentIds) {
      const want = events.filter((e) => e.ordering_key === enrollmentId).map((e) => e.id);
      expect(want).toHaveLength(6);
      // First successful receipt of each event, in receipt order, follows commit order.
      const firstSeen = [...new Set(ids.filter((id) => want.includes(id)))];
      expect(firstSeen).toEqual(want);
    }
    const { rows: attempts } = await pool.query<{ failed: number; ok: number }>(
      `SELECT count(*) FILTER (WHERE a.error IS NOT NULL)::int AS failed, count(*) FILTER (WHERE a.error IS NULL)::int AS ok
       FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id WHERE d.endpoint_id = $1`,
      [endpointId],
    );
    expect(attempts[0]!.ok).toBe(expected);
    expect(attempts[0]!.failed).toBeGreaterThanOrEqual(20);
    await setWebhookEndpointEnabled({ actorId: await fixtureActorId(), endpointId, enabled: false });
  });

  it("disables an endpoint whose every attempt fails until an event exhausts its schedule, with a visible reason", async () => {
    const dead = await startReceiver();
    await dead.down(); // nothing listens on this port
    const { endpointId } = await endpoint(dead.url, ["contact.unsubscribed"]);
    const [contactId] = await createContacts(pool, 1);
    await pool.query(`UPDATE contacts SET unsubscribed_at = now() WHERE id = $1`, [contactId]);
    const row = await waitFor(
      async () =>
        (
          await pool.query<{ enabled: boolean; disabled_reason: string | null }>(
            `SELECT enabled, disabled_reason FROM webhook_endpoints WHERE id = $1`,
            [endpointId],
          )
        ).rows[0]!,
      (r) => !r.enabled,
      { timeoutMs: 45_000, what: "the endpoint disabled" },
    );
    expect(row.disabled_reason).toMatch(
      /Disabled automatically: every attempt since .* failed \(last error: ECONNREFUSED/,
    );
    const { rows } = await pool.query<{ status: string; attempts: number }>(
      `SELECT status::text AS status, attempts FROM webhook_deliveries WHERE endpoint_id = $1`,
      [endpointId],
    );
    expect(rows).toEqual([{ status: "failed", attempts: BACKOFF.length + 1 }]);
  });
});
