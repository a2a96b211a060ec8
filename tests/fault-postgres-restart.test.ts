// PostgreSQL restarted under a running worker (email through a real SMTP sink): the worker
// reconnects and finishes with no duplicates and no losses; the delivery claim the restart cut
// short is simply queued again (row locks die with the connection), with no lock to wait out.
// Uses its own embedded cluster, since restarting the shared one would disturb the other files.
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { DATA_DIR, createDatabaseIfMissing, freePort, startEmbedded, urlFor } from "../scripts/db/database";
import { applyMigrations } from "../scripts/db/schema-engine";
import { createContacts, seedOnOwnDatabase } from "./support/runner-fixtures";
import { spawnWorker, waitFor } from "./support/runner-process";
import { startSmtpSink } from "./support/runner-smtp-sink";

const N = 1_500;
const STEPS = [
  { key: "e1", type: "email" as const, subject: "Hi {{first_name}}", body: "Hello" },
  { key: "s1", type: "sms" as const, body: "Text {{first_name}}" },
];

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

async function count(pool: pg.Pool, sql: string, params: unknown[]): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(sql, params);
  return Number(rows[0]?.n ?? 0);
}

describe("PostgreSQL restarted while the worker runs", () => {
  it("the worker reconnects and every step runs exactly once, every message is delivered once", async () => {
    const dir = path.join(DATA_DIR, "scratch", `restart-${process.pid}-${Date.now()}`);
    const port = await freePort();
    let cluster = await startEmbedded({ dir, port, persistent: true });
    cleanups.push(async () => {
      await cluster.stop();
      const { rmSync } = await import("node:fs");
      rmSync(dir, { recursive: true, force: true });
    });
    await createDatabaseIfMissing(urlFor(port, "postgres"), "restart");
    const url = urlFor(port, "restart");
    await applyMigrations(url);

    const pool = new pg.Pool({ connectionString: url, max: 3 });
    pool.on("error", () => {});
    const prefix = `restart${Date.now()}`;
    const contacts = await createContacts(pool, N, prefix);
    const { sequenceId } = await seedOnOwnDatabase(pool, { steps: STEPS, contactIds: contacts, at: new Date() });
    await pool.end();

    const sink = await startSmtpSink();
    const worker = spawnWorker({
      DATABASE_URL: url,
      SMTP_URL: sink.url,
      WORKER_BATCH_SIZE: "50",
      WORKER_POLL_MS: "100",
    });
    cleanups.push(async () => {
      worker.child.kill("SIGKILL");
      await sink.close();
    });
    const probe = new pg.Pool({ connectionString: url, max: 1 });
    probe.on("error", () => {});
    const finished = () =>
      count(probe, "SELECT count(*) AS n FROM enrollments WHERE sequence_id = $1 AND status = 'completed'", [
        sequenceId,
      ]).catch(() => -1);
    const before = await waitFor(finished, (n) => n >= 300, {
      timeoutMs: 60_000,
      intervalMs: 10,
      what: `progress before the restart\n${worker.output()}`,
    });
    await probe.end();
    expect(before, "the restart must happen while work remains").toBeLessThan(N);

    // Stop PostgreSQL under the worker, keep it down a moment, start it again on the same data.
    await cluster.stop();
    await new Promise((r) => setTimeout(r, 1500));
    cluster = await startEmbedded({ dir, port, persistent: true });

    const check = new pg.Pool({ connectionString: url, max: 1 });
    check.on("error", () => {});
    try {
      await waitFor(
        () =>
          count(check, "SELECT count(*) AS n FROM enrollments WHERE sequence_id = $1 AND status = 'completed'", [
            sequenceId,
          ]),
        (n) => n === N,
        {
          timeoutMs: 150_000,
          intervalMs: 200,
          what: `the worker to finish after the restart\n${worker.output()}`,
        },
      );
      await waitFor(
        () =>
          count(
            check,
            "SELECT count(*) AS n FROM messages m JOIN enrollments e ON e.id = m.enrollment_id WHERE e.sequence_id = $1 AND m.status = 'sent'",
            [sequenceId],
          ),
        (n) => n === 2 * N,
        {
          timeoutMs: 150_000,
          intervalMs: 200,
          what: `every message to be delivered\n${worker.output()}`,
        },
      );
      const executions = await count(
        check,
        "SELECT count(*) AS n FROM enrollment_events ev JOIN enrollments e ON e.id = ev.enrollment_id WHERE e.sequence_id = $1 AND ev.type = 'step_executed'",
        [sequenceId],
      );
      const messages = await count(
        check,
        "SELECT count(*) AS n FROM messages m JOIN enrollments e ON e.id = m.enrollment_id WHERE e.sequence_id = $1",
        [sequenceId],
      );
      const sentEvents = await count(
        check,
        "SELECT count(*) AS n FROM enrollment_events ev JOIN enrollments e ON e.id = ev.enrollment_id WHERE e.sequence_id = $1 AND ev.type = 'message_sent'",
        [sequenceId],
      );
      expect({ executions, messages, sentEvents }).toEqual({ executions: 2 * N, messages: 2 * N, sentEvents: 2 * N });
      // Every contact's email reached the SMTP server; one arrives twice only if it was sent in
      // the claim the restart rolled back (at most one claim of 20 with SMTP).
      const receipts = [...sink.receipts()].filter(([to]) => to.startsWith(prefix));
      expect(receipts).toHaveLength(N);
      const twice = receipts.filter(([, n]) => n > 1);
      console.log(`restart: ${twice.length} email(s) sent again after the restart`);
      expect(twice.length).toBeLessThanOrEqual(20);
    } finally {
      await check.end();
    }
    worker.child.kill("SIGTERM");
    expect((await worker.exited).code).toBe(0);
  }, 360_000);
});
