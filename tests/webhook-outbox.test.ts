// The outbox triggers write webhook events in the changing transaction (and only then), only
// for types an enabled endpoint subscribes to; the SSRF guard refuses private addresses before
// any connection is made; the services refuse what the delivery would refuse.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "@/lib/domain/webhook-events";
import { ManualClock } from "@/lib/engine/clock";
import { deliverDue } from "@/lib/engine/deliver-messages";
import { installJobQueueSchema } from "@/lib/engine/job-queue";
import { runDueBatch } from "@/lib/engine/run-batch";
import { OutboxTransport } from "@/lib/engine/transports";
import { deliverEndpoint } from "@/lib/engine/webhooks/deliver-webhooks";
import { guardedAgents, guardedLookup, RefusedAddressError } from "@/lib/engine/webhooks/guarded-agent";
import { db } from "@/lib/server/db";
import { unenroll } from "@/lib/server/enrollments/unenroll";
import { unsubscribeContact } from "@/lib/server/enrollments/unsubscribe-contact";
import { createWebhookEndpoint } from "@/lib/server/webhooks/create-webhook-endpoint";
import { createContacts, createSequenceWithVersion, enroll, fixtureActorId, testPool } from "./support/runner-fixtures";
import { startReceiver, type Receiver } from "./support/webhook-receiver";

const pool = testPool();
let receiver: Receiver;
const created: string[] = [];
beforeAll(async () => {
  await installJobQueueSchema(pool);
  receiver = await startReceiver();
});
afterAll(async () => {
  for (const id of created) await pool.query(`SELECT graphile_worker.remove_job('webhook:' || $1)`, [id]);
  await pool.query(`DELETE FROM webhook_endpoints WHERE id = ANY ($1::uuid[])`, [created]);
  await receiver.close();
  await pool.end();
  await db().$disconnect();
});

async function endpoint(eventTypes: readonly WebhookEventType[], url = receiver.url) {
  const { endpointId } = await createWebhookEndpoint({
    actorId: await fixtureActorId(),
    url,
    description: "",
    eventTypes: [...eventTypes],
  });
  created.push(endpointId);
  return endpointId;
}

const eventsFor = async (key: string) =>
  (
    await pool.query<{ type: string }>(`SELECT type FROM webhook_events WHERE ordering_key = $1 ORDER BY seq`, [key])
  ).rows.map((r) => r.type);

describe("outbox triggers", () => {
  it("write nothing while no enabled endpoint subscribes", async () => {
    const [contactId] = await createContacts(pool, 1);
    await pool.query(`UPDATE contacts SET unsubscribed_at = now() WHERE id = $1`, [contactId]);
    expect(await eventsFor(contactId!)).toEqual([]);
  });

  it("write the event in the change's transaction: a rolled-back change leaves no event and no delivery", async () => {
    const endpointId = await endpoint(["contact.unsubscribed"]);
    const [kept, rolledBack] = await createContacts(pool, 2);
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      await client.query(`UPDATE contacts SET unsubscribed_at = now() WHERE id = $1`, [rolledBack]);
      const inside = await client.query(`SELECT 1 FROM webhook_events WHERE ordering_key = $1`, [rolledBack]);
      expect(inside.rowCount).toBe(1);
      await client.query("ROLLBACK");
    } finally {
      client.release();
    }
    expect(await eventsFor(rolledBack!)).toEqual([]);
    await unsubscribeContact({ actorId: await fixtureActorId(), contactId: kept! });
    expect(await eventsFor(kept!)).toEqual(["contact.unsubscribed"]);
    const { rows } = await pool.query(
      `SELECT d.status::text AS status, (SELECT count(*)::int FROM graphile_worker.jobs j WHERE j.key = 'webhook:' || d.endpoint_id::text) AS jobs
       FROM webhook_deliveries d JOIN webhook_events ev ON ev.id = d.event_id WHERE ev.ordering_key = ANY ($1::text[])`,
      [[kept, rolledBack]],
    );
    expect(rows).toEqual([{ status: "pending", jobs: 1 }]);
    await pool.query(`UPDATE webhook_endpoints SET enabled = false WHERE id = $1`, [endpointId]);
  });

  it("map the store's timeline events to webhook types, subscribed types only", async () => {
    const endpointId = await endpoint(WEBHOOK_EVENT_TYPES.filter((t) => t !== "task.created"));
    const clock = new ManualClock(new Date(Date.now() - 60_000).toISOString());
    const { sequenceId, versionId } = await createSequenceWithVersion(pool, [
      { key: "e1", type: "email", subject: "Hi", body: "Hello" },
      { key: "t1", type: "task", title: "Call" },
    ]);
    const contacts = await createContacts(pool, 2);
    const [first, second] = await enroll(pool, { sequenceId, versionId, contactIds: contacts, at: clock.now() });
    await runDueBatch({ pool, now: clock.now(), scope: { sequenceIds: [sequenceId] } });
    const { rows } = await pool.query<{ id: string }>(`SELECT id FROM messages WHERE enrollment_id = $1`, [first]);
    const outbox = new OutboxTransport();
    await deliverDue({
      pool,
      now: clock.now(),
      transportFor: () => outbox,
      scope: { messageIds: rows.map((r) => r.id) },
    });
    await unenroll({ actorId: await fixtureActorId(), enrollmentId: second! });
    expect(await eventsFor(first!)).toEqual(["enrollment.created", "message.sent"]); // task.created not subscribed
    expect(await eventsFor(second!)).toEqual(["enrollment.created", "enrollment.exited"]);
    expect(await eventsFor(sequenceId)).toEqual(["version.published"]);
    const { rows: payload } = await pool.query<{ data: Record<string, unknown> }>(
      `SELECT data FROM webhook_events WHERE ordering_key = $1 AND type = 'message.sent'`,
      [first],
    );
    expect(payload[0]!.data).toMatchObject({ enrollmentId: first, sequenceId, stepKey: "e1" });
    await pool.query(`UPDATE webhook_endpoints SET enabled = false WHERE id = $1`, [endpointId]);
  });
});

describe("SSRF guard", () => {
  const production = { allowPrivate: false };

  it("refuses private, loopback, link-local, unique-local and metadata addresses before connecting", async () => {
    const agents = guardedAgents(production);
    try {
      for (const url of [
        `https://127.0.0.1:${receiver.port}/hook`,
        `http://127.0.0.1:${receiver.port}/hook`,
        `https://localhost:${receiver.port}/hook`,
        "https://10.0.0.8/hook",
        "https://172.20.1.1/hook",
        "https://192.168.1.10/hook",
        "https://169.254.169.254/latest/meta-data",
        "https://[fd00::1]/hook",
        "https://[fe80::1]/hook",
        "https://[::ffff:10.0.0.1]/hook",
      ]) {
        const endpointId = (
          await pool.query<{ id: string }>(
            `INSERT INTO webhook_endpoints (url, event_types, secret) VALUES ($1, '{contact.unsubscribed}', 'whsec_dGVzdHRlc3R0ZXN0dGVzdA==') RETURNING id`,
            [url],
          )
        ).rows[0]!.id;
        created.push(endpointId);
        const [contactId] = await createContacts(pool, 1);
        await pool.query(`UPDATE contacts SET unsubscribed_at = now() WHERE id = $1`, [contactId]);
        const before = receiver.connections();
        const result = await deliverEndpoint({ pool, agents, policy: production, endpointId, backoff: [60_000] });
        expect(result, url).toMatchObject({ attempted: 1, succeeded: 0 });
        expect(receiver.connections(), url).toBe(before);
        const { rows } = await pool.query<{ error: string }>(
          `SELECT a.error FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id WHERE d.endpoint_id = $1`,
          [endpointId],
        );
        expect(rows[0]!.error, url).toMatch(/refused|allowed only|https/);
        await pool.query(`UPDATE webhook_endpoints SET enabled = false WHERE id = $1`, [endpointId]);
      }
    } finally {
      agents.destroy();
    }
  });

  it("checks every resolved address of a host name (DNS) at connect time", async () => {
    const lookup = guardedLookup(production);
    const error = await new Promise<Error | null>((resolve) => lookup("localhost", {}, (e) => resolve(e)));
    expect(error).toBeInstanceOf(RefusedAddressError);
    expect(error!.message).toMatch(/loopback/);
    const allowed = await new Promise<Error | null>((resolve) =>
      guardedLookup({ allowPrivate: true })("localhost", {}, (e) => resolve(e)),
    );
    expect(allowed).toBeNull();
  });

  it("the services refuse private and plain-http URLs in production", async () => {
    const env = process.env as Record<string, string | undefined>;
    const before = env.NODE_ENV;
    env.NODE_ENV = "production";
    try {
      for (const url of ["http://localhost:3000/hook", "https://10.1.1.1/hook", "http://example.com/hook"])
        await expect(endpoint(["contact.unsubscribed"], url), url).rejects.toThrow(/refused|https|development/);
    } finally {
      env.NODE_ENV = before;
    }
  });
});
