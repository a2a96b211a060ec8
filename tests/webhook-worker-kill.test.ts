// A worker SIGKILLed in the middle of a webhook request: graphile-worker 0.17 alone would keep the
// endpoint's job (and queue) locked for 4 hours. With heartbeats (webhook_worker_heartbeats), another
// worker sees the dead worker's heartbeat go stale, releases only its locks, and delivers within
// seconds here (WEBHOOK_WORKER_DEAD_AFTER_MS=3000; 2 minutes by default).
import http from "node:http";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installJobQueueSchema } from "@/lib/engine/job-queue";
import { db } from "@/lib/server/db";
import { createWebhookEndpoint } from "@/lib/server/webhooks/create-webhook-endpoint";
import { createContacts, fixtureActorId, testPool } from "./support/runner-fixtures";
import { spawnWorker, waitFor, type WorkerProcess } from "./support/runner-process";

const pool = testPool();
// A clock before every other file's, so these workers' claim loops take no other test's work.
const clockDir = mkdtempSync(path.join(tmpdir(), "webhook-kill-"));
const clockFile = path.join(clockDir, "clock");
writeFileSync(clockFile, "1984-06-01T09:00:00.000Z");

type Hit = { id: string; at: number };
const hits: Hit[] = [];
let server: http.Server;
let url = "";
let endpointId = "";
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  await installJobQueueSchema(pool);
  // The first request never gets an answer (the worker is killed while waiting); later ones get 200.
  server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      hits.push({ id: String(req.headers["webhook-id"]), at: Date.now() });
      if (hits.length === 1) return;
      res.statusCode = 200;
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  ({ endpointId } = await createWebhookEndpoint({
    actorId: await fixtureActorId(),
    url,
    description: "kill test",
    eventTypes: ["contact.unsubscribed"],
  }));
});
afterAll(async () => {
  for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGKILL");
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await pool.query(`SELECT graphile_worker.remove_job('webhook:' || $1)`, [endpointId]);
  await pool.query(`DELETE FROM webhook_endpoints WHERE id = $1`, [endpointId]);
  await pool.end();
  await db().$disconnect();
  rmSync(clockDir, { recursive: true, force: true });
});

function worker(): WorkerProcess {
  const w = spawnWorker({
    SEQUENCER_CLOCK_FILE: clockFile,
    WEBHOOK_HEARTBEAT_MS: "300",
    WEBHOOK_WORKER_DEAD_AFTER_MS: "3000",
  });
  workers.push(w);
  return w;
}

const jobLock = async () =>
  (
    await pool.query<{ locked_by: string | null }>(
      `SELECT locked_by FROM graphile_worker._private_jobs WHERE key = $1`,
      [`webhook:${endpointId}`],
    )
  ).rows[0]?.locked_by ?? null;

describe("webhook delivery after a SIGKILL", () => {
  it("another worker releases the dead worker's locks and delivers within seconds, not hours", async () => {
    const first = worker();
    const [contactId] = await createContacts(pool, 1);
    await pool.query(`UPDATE contacts SET unsubscribed_at = now() WHERE id = $1`, [contactId]);

    await waitFor(
      async () => hits.length,
      (n) => n >= 1,
      { timeoutMs: 60_000, what: "the first request" },
    );
    const lockedBy = await jobLock();
    expect(lockedBy).not.toBeNull();
    const beat = await pool.query(`SELECT 1 FROM webhook_worker_heartbeats WHERE worker_id = $1`, [lockedBy]);
    expect(beat.rowCount).toBe(1); // the dead worker had registered the id it locks with
    first.child.kill("SIGKILL");
    expect(await first.exited).toEqual({ code: null, signal: "SIGKILL" });
    const killedAt = Date.now();
    expect(await jobLock()).toBe(lockedBy); // graphile-worker alone would hold this for 4 hours

    worker();
    const delivered = await waitFor(
      async () =>
        (
          await pool.query<{ status: string; attempts: number }>(
            `SELECT status, attempts FROM webhook_deliveries WHERE endpoint_id = $1`,
            [endpointId],
          )
        ).rows[0],
      (row) => row?.status === "succeeded",
      { timeoutMs: 90_000, intervalMs: 200, what: "the delivery by the second worker" },
    );
    const elapsed = Date.now() - killedAt;
    console.log(`SIGKILL mid-webhook: delivered by another worker ${elapsed} ms after the kill`);
    expect(delivered?.status).toBe("succeeded");
    expect(hits.length).toBeGreaterThanOrEqual(2);
    expect(new Set(hits.map((h) => h.id)).size).toBe(1); // the same event, same webhook-id: at least once
    const stale = await pool.query(`SELECT 1 FROM webhook_worker_heartbeats WHERE worker_id = $1`, [lockedBy]);
    expect(stale.rowCount).toBe(0);
  });
});
