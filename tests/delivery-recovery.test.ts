// Delivery after crashes and on shutdown, with real worker processes (scripts/worker.ts), a real
// SMTP sink that is slow on purpose (so messages are being sent when the signal lands) and the
// shared test database. The workers' clock is a file holding a fixed instant: nothing here needs
// test-clock time to pass for a message to be delivered again.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { drainDeliveries } from "@/lib/engine/deliver-messages";
import { drainDue } from "@/lib/engine/run-batch";
import { OutboxTransport } from "@/lib/engine/transports";
import { createContacts, createSequenceWithVersion, enroll, testPool } from "./support/runner-fixtures";
import { spawnWorker, waitFor, type WorkerProcess } from "./support/runner-process";
import { startSmtpSink } from "./support/runner-smtp-sink";

const pool = testPool();
// Before every other test file's clock, so these workers (which claim without a scope) take only
// this file's work.
const T = new Date("1985-03-01T09:00:00.000Z");
const clockDir = mkdtempSync(path.join(tmpdir(), "delivery-recovery-"));
const clockFile = path.join(clockDir, "clock");
writeFileSync(clockFile, T.toISOString());

const workers: WorkerProcess[] = [];
afterAll(async () => {
  for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGKILL");
  await pool.end();
  rmSync(clockDir, { recursive: true, force: true });
});

function worker(env: Record<string, string>): WorkerProcess {
  const w = spawnWorker({ SEQUENCER_CLOCK_FILE: clockFile, WORKER_POLL_MS: "100", ...env });
  workers.push(w);
  return w;
}

const EMAIL = [{ key: "e1", type: "email" as const, subject: "Hi {{first_name}}", body: "Hello {{first_name}}" }];

async function seed(n: number) {
  const prefix = `rec${Date.now()}${Math.floor(Math.random() * 1000)}`;
  const { sequenceId, versionId } = await createSequenceWithVersion(pool, EMAIL);
  const contacts = await createContacts(pool, n, prefix);
  await enroll(pool, { sequenceId, versionId, contactIds: contacts, at: T });
  return { sequenceId, prefix };
}

type Counts = { queued: number; sent: number; messages: number; sentEvents: number; distinctSent: number };
async function counts(sequenceId: string): Promise<Counts> {
  const { rows } = await pool.query<Record<keyof Counts, string>>(
    `SELECT count(*) FILTER (WHERE m.status = 'queued') AS queued, count(*) FILTER (WHERE m.status = 'sent') AS sent,
            count(*) AS messages,
            (SELECT count(*) FROM enrollment_events ev JOIN enrollments e2 ON e2.id = ev.enrollment_id
             WHERE e2.sequence_id = $1 AND ev.type = 'message_sent') AS "sentEvents",
            (SELECT count(DISTINCT ev.detail->>'messageId') FROM enrollment_events ev JOIN enrollments e2 ON e2.id = ev.enrollment_id
             WHERE e2.sequence_id = $1 AND ev.type = 'message_sent') AS "distinctSent"
     FROM messages m JOIN enrollments e ON e.id = m.enrollment_id WHERE e.sequence_id = $1`,
    [sequenceId],
  );
  const r = rows[0]!;
  return {
    queued: Number(r.queued),
    sent: Number(r.sent),
    messages: Number(r.messages),
    sentEvents: Number(r.sentEvents),
    distinctSent: Number(r.distinctSent),
  };
}

async function sentAddresses(sequenceId: string): Promise<Set<string>> {
  const { rows } = await pool.query<{ to: string }>(
    `SELECT m."to" FROM messages m JOIN enrollments e ON e.id = m.enrollment_id WHERE e.sequence_id = $1 AND m.status = 'sent'`,
    [sequenceId],
  );
  return new Set(rows.map((r) => r.to));
}

/** Rows of this sequence that a SKIP LOCKED claim on another connection cannot take (held by someone). */
async function lockedRows(sequenceId: string): Promise<{ messages: number; enrollments: number }> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const one = async (sql: string) => Number((await client.query<{ n: string }>(sql, [sequenceId])).rows[0]!.n);
    const allMessages = await one(
      `SELECT count(*) AS n FROM messages m JOIN enrollments e ON e.id = m.enrollment_id WHERE e.sequence_id = $1`,
    );
    const freeMessages = await one(
      `SELECT count(*) AS n FROM (SELECT m.id FROM messages m JOIN enrollments e ON e.id = m.enrollment_id
       WHERE e.sequence_id = $1 FOR UPDATE OF m SKIP LOCKED) x`,
    );
    const allEnrollments = await one(`SELECT count(*) AS n FROM enrollments WHERE sequence_id = $1`);
    const freeEnrollments = await one(
      `SELECT count(*) AS n FROM (SELECT id FROM enrollments WHERE sequence_id = $1 FOR UPDATE SKIP LOCKED) x`,
    );
    return { messages: allMessages - freeMessages, enrollments: allEnrollments - freeEnrollments };
  } finally {
    await client.query("ROLLBACK");
    client.release();
  }
}

/** Finishes what a test left (in-process, outbox) so no later test file's worker meets it. */
async function finish(sequenceId: string) {
  const scope = { sequenceIds: [sequenceId] };
  await drainDue({ pool, now: T, scope });
  await drainDeliveries({ pool, now: T, scope, transportFor: () => new OutboxTransport() });
}

describe("delivery recovers after a crash", () => {
  it("a worker SIGKILLed mid-delivery: a new worker delivers every queued message with no test-clock time passing, none twice", async () => {
    const N = 200;
    const { sequenceId, prefix } = await seed(N);
    const sink = await startSmtpSink({ delayMs: 100 });
    const mine = () => sink.captured.filter((c) => c.to[0]!.startsWith(prefix));
    try {
      // Claims are 20 messages with SMTP, sent one at a time here (100 ms each), so at 50 received
      // the third claim is half sent and a second from its commit: the kill lands mid-claim.
      const first = worker({ SMTP_URL: sink.url, WORKER_CONCURRENCY: "1" });
      await waitFor(
        async () => mine().length,
        (n) => n >= 50,
        {
          timeoutMs: 60_000,
          intervalMs: 10,
          what: `the first worker's sends\n${first.output()}`,
        },
      );
      first.child.kill("SIGKILL");
      expect(await first.exited).toEqual({ code: null, signal: "SIGKILL" });
      const sentAtKill = await sentAddresses(sequenceId);
      const atKill = await counts(sequenceId);
      console.log(
        `SIGKILL: ${mine().length} received by the sink, ${atKill.sent} recorded sent, ${atKill.queued} queued`,
      );
      expect(atKill.queued).toBeGreaterThan(0);
      // Killed mid-claim: some messages reached the sink without their commit.
      expect(mine().length).toBeGreaterThan(atKill.sent);
      expect(await lockedRows(sequenceId)).toEqual({ messages: 0, enrollments: 0 });

      const started = Date.now();
      const second = worker({ SMTP_URL: sink.url });
      const done = await waitFor(
        () => counts(sequenceId),
        (c) => c.sent === N,
        { timeoutMs: 60_000, intervalMs: 100, what: `the second worker to deliver the rest\n${second.output()}` },
      );
      console.log(`SIGKILL: the rest delivered ${Date.now() - started} ms (real time, worker start included) later`);
      expect(done).toEqual({ queued: 0, sent: N, messages: N, sentEvents: N, distinctSent: N });

      // Every contact got its email; an email arrived twice only if the killed worker had sent it
      // without committing (the at-least-once window), never one recorded as sent.
      const receipts = new Map([...sink.receipts()].filter(([to]) => to.startsWith(prefix)));
      expect(receipts.size).toBe(N);
      const twice = [...receipts].filter(([, n]) => n > 1).map(([to]) => to);
      expect(twice.filter((to) => sentAtKill.has(to))).toEqual([]);
      expect(Math.max(...receipts.values())).toBeLessThanOrEqual(2);
      // At most one delivery claim (20 messages with SMTP) was in flight.
      expect(twice.length).toBeLessThanOrEqual(20);

      second.child.kill("SIGTERM");
      expect((await second.exited).code).toBe(0);
    } finally {
      await sink.close();
    }
  }, 120_000);
});

describe("worker shutdown", () => {
  it("SIGTERM mid-run: stops claiming, commits what it sent, releases the rest, exits 0 within 10 s", async () => {
    const N = 2_000;
    const { sequenceId, prefix } = await seed(N);
    const sink = await startSmtpSink({ delayMs: 200 });
    const mine = () => sink.captured.filter((c) => c.to[0]!.startsWith(prefix));
    try {
      const w = worker({ SMTP_URL: sink.url, WORKER_BATCH_SIZE: "50" });
      await waitFor(
        async () => mine().length,
        (n) => n >= 10,
        {
          timeoutMs: 60_000,
          intervalMs: 10,
          what: `the worker's sends\n${w.output()}`,
        },
      );
      const signalled = Date.now();
      w.child.kill("SIGTERM");
      const exit = await w.exited;
      const took = Date.now() - signalled;
      console.log(`SIGTERM: exited ${JSON.stringify(exit)} after ${took} ms`);
      expect(exit).toEqual({ code: 0, signal: null });
      expect(took).toBeLessThan(10_000);
      expect(w.output()).toContain('"msg":"worker stopped"');

      // Work remained, nothing is held, and what reached the sink is exactly what is recorded sent.
      const after = await counts(sequenceId);
      expect(after.queued + (N - after.messages)).toBeGreaterThan(0);
      expect(await lockedRows(sequenceId)).toEqual({ messages: 0, enrollments: 0 });
      const received = new Set(mine().map((c) => c.to[0]!));
      expect([...(await sentAddresses(sequenceId))].sort()).toEqual([...received].sort());
      expect(mine()).toHaveLength(received.size);
    } finally {
      await sink.close();
      await finish(sequenceId);
    }
  }, 120_000);

  it("a send that does not finish: the first SIGTERM gives up after the shutdown bound (exit 1, within 10 s), a second signal exits at once; the rows are released", async () => {
    const N = 8;
    const { sequenceId } = await seed(N);
    const sink = await startSmtpSink({ delayMs: 25_000 });
    try {
      const held = async () => (await lockedRows(sequenceId)).messages;
      const stuck = worker({ SMTP_URL: sink.url });
      await waitFor(held, (n) => n === N, { timeoutMs: 60_000, intervalMs: 50, what: `a claim\n${stuck.output()}` });
      let signalled = Date.now();
      stuck.child.kill("SIGTERM");
      const bounded = await stuck.exited;
      const took = Date.now() - signalled;
      console.log(`SIGTERM with a stalled send: exited ${JSON.stringify(bounded)} after ${took} ms`);
      expect(bounded.code).toBe(1);
      expect(took).toBeLessThan(10_000);
      expect(await lockedRows(sequenceId)).toEqual({ messages: 0, enrollments: 0 });
      expect(await counts(sequenceId)).toMatchObject({ queued: N, sent: 0 });

      const forced = worker({ SMTP_URL: sink.url });
      await waitFor(held, (n) => n === N, { timeoutMs: 60_000, intervalMs: 50, what: `a claim\n${forced.output()}` });
      forced.child.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 300));
      signalled = Date.now();
      forced.child.kill("SIGINT");
      const second = await forced.exited;
      const tookSecond = Date.now() - signalled;
      console.log(`second signal: exited ${JSON.stringify(second)} after ${tookSecond} ms`);
      if (second.code !== 130) console.log(forced.output());
      expect(second.code).toBe(130);
      expect(tookSecond).toBeLessThan(2_000);
      expect(await lockedRows(sequenceId)).toEqual({ messages: 0, enrollments: 0 });
      expect(await counts(sequenceId)).toMatchObject({ queued: N, sent: 0 });
    } finally {
      await sink.close();
      await finish(sequenceId);
    }
  }, 120_000);
});
