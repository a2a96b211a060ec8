// Issue 18: /api/metrics refuses without its token and its figures match direct SQL counts;
// /api/ready fails while PostgreSQL is down and recovers without a restart; /api/system is for
// admins; workers write heartbeat rows with their counters.
// The session mock first: it replaces next-auth before the route modules load it.
import { signInAs } from "./support/session";
import { rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATA_DIR, createDatabaseIfMissing, freePort, startEmbedded, urlFor } from "../scripts/db/database";
import { ensureRuntimeLogin, migrateDatabase } from "../scripts/db/roles";
import { GET as metricsGET } from "@/app/api/metrics/route";
import { GET as healthGET } from "@/app/api/health/route";
import { GET as systemGET } from "@/app/api/system/route";
import { startWorker } from "@/lib/engine/worker";
import { checkReadiness } from "@/lib/server/system/check-readiness";
import { makeUser } from "./support/factories";
import { createContacts, createSequenceWithVersion, enroll, testPool } from "./support/runner-fixtures";

const pool = testPool(2);
afterAll(async () => {
  await pool.end();
  delete process.env.METRICS_TOKEN;
});

const TOKEN = "metrics-token-for-tests-0123456789";
const metrics = (authorization?: string) =>
  metricsGET(new Request("http://localhost/api/metrics", { headers: authorization ? { authorization } : {} }));

/** `name value` from Prometheus text. */
function sample(text: string, name: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${name} `));
  if (!line) throw new Error(`${name} not in the metrics:\n${text.slice(0, 2000)}`);
  return Number(line.slice(name.length + 1));
}

async function sqlCount(sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(sql, params);
  return Number(rows[0]!.n);
}

describe("/api/health", () => {
  it("answers 200 without touching the database", async () => {
    const response = healthGET();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok" });
  });
});

describe("/api/metrics", () => {
  it("does not exist without METRICS_TOKEN, and refuses a missing or wrong token", async () => {
    delete process.env.METRICS_TOKEN;
    expect((await metrics(`Bearer ${TOKEN}`)).status).toBe(404);
    process.env.METRICS_TOKEN = TOKEN;
    const missing = await metrics();
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toContain("Bearer");
    expect((await metrics("Bearer wrong-token-wrong-token-wrong")).status).toBe(401);
    expect((await metrics(TOKEN)).status).toBe(401);
  });

  it("figures match direct SQL counts, worker counters included", async () => {
    process.env.METRICS_TOKEN = TOKEN;
    const { sequenceId, versionId } = await createSequenceWithVersion(pool, [
      { key: "e1", type: "email", subject: "Hi", body: "Hello" },
      { key: "s1", type: "sms", body: "Text" },
    ]);
    const contacts = await createContacts(pool, 40);
    await enroll(pool, { sequenceId, versionId, contactIds: contacts, at: new Date(Date.now() - 60_000) });

    const before = await (await metrics(`Bearer ${TOKEN}`)).text();
    const due = await sqlCount(
      "SELECT count(*) AS n FROM enrollments WHERE status = 'active' AND next_run_at <= now()",
    );
    expect(due).toBeGreaterThanOrEqual(40);
    expect(sample(before, "sequencer_due_enrollments")).toBe(due);
    expect(sample(before, "sequencer_oldest_due_enrollment_age_seconds")).toBeGreaterThanOrEqual(59);
    expect(sample(before, "sequencer_delivery_queue_depth")).toBe(
      await sqlCount("SELECT count(*) AS n FROM messages WHERE status = 'queued'"),
    );

    // A worker limited to this sequence drains it and reports what it did through its heartbeat.
    const worker = await startWorker({ scope: { sequenceIds: [sequenceId] }, webhooks: false, pollMs: 50 });
    try {
      for (let i = 0; i < 200; i++) {
        const left = await sqlCount(
          "SELECT count(*) AS n FROM messages m JOIN enrollments e ON e.id = m.enrollment_id WHERE e.sequence_id = $1 AND m.status = 'sent'",
          [sequenceId],
        );
        if (left === 80) break;
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await worker.stop();
    }
    const row = await pool.query<{ steps: string; messages_sent: string; stopped_at: Date | null }>(
      "SELECT steps, messages_sent, stopped_at FROM worker_heartbeats WHERE id = $1",
      [worker.heartbeat!.id],
    );
    expect(row.rows[0]).toMatchObject({ steps: "80", messages_sent: "80" });
    expect(row.rows[0]!.stopped_at).not.toBeNull();
    expect(
      await sqlCount(
        "SELECT count(*) AS n FROM enrollment_events ev JOIN enrollments e ON e.id = ev.enrollment_id WHERE e.sequence_id = $1 AND ev.type = 'step_executed'",
        [sequenceId],
      ),
    ).toBe(80);

    const after = await (await metrics(`Bearer ${TOKEN}`)).text();
    expect(sample(after, "sequencer_steps_executed_total")).toBe(
      await sqlCount("SELECT coalesce(sum(steps), 0) AS n FROM worker_heartbeats"),
    );
    expect(sample(after, "sequencer_messages_sent_total")).toBe(
      await sqlCount("SELECT coalesce(sum(messages_sent), 0) AS n FROM worker_heartbeats"),
    );
    expect(sample(after, "sequencer_due_enrollments")).toBe(
      await sqlCount("SELECT count(*) AS n FROM enrollments WHERE status = 'active' AND next_run_at <= now()"),
    );
    expect(after).toMatch(/^sequencer_process_cpu_user_seconds_total /m);
  });
});

describe("/api/system", () => {
  it("is for admins only", async () => {
    signInAs(null);
    expect((await systemGET()).status).toBe(401);
    signInAs(await makeUser("editor"));
    expect((await systemGET()).status).toBe(403);
    signInAs(await makeUser("admin"));
    const response = await systemGET();
    expect(response.status).toBe(200);
    const body = (await response.json()) as { dueEnrollments: number; workers: unknown[] };
    expect(typeof body.dueEnrollments).toBe("number");
    expect(Array.isArray(body.workers)).toBe(true);
  });
});

describe("/api/ready", () => {
  const dir = path.join(DATA_DIR, "scratch", `ready-${process.pid}-${Date.now()}`);
  let cluster: Awaited<ReturnType<typeof startEmbedded>>;
  let port: number;
  const savedUrl = process.env.DATABASE_URL;
  const holder = globalThis as unknown as { sequencerReadyPool?: pg.Pool };

  beforeAll(async () => {
    port = await freePort();
    cluster = await startEmbedded({ dir, port, persistent: true });
    await createDatabaseIfMissing(urlFor(port, "postgres"), "ready");
    await migrateDatabase(urlFor(port, "ready"));
    // As the runtime role, like the app: it may read _prisma_migrations (and nothing more there).
    process.env.DATABASE_URL = await ensureRuntimeLogin(urlFor(port, "ready"), {
      name: "ready_app",
      password: "ready-app-password",
    });
    await holder.sequencerReadyPool?.end();
    delete holder.sequencerReadyPool;
  }, 180_000);
  afterAll(async () => {
    await holder.sequencerReadyPool?.end().catch(() => {});
    delete holder.sequencerReadyPool;
    process.env.DATABASE_URL = savedUrl;
    await cluster.stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  });

  it("is ready when migrated, fails while PostgreSQL is down, and recovers without a restart", async () => {
    const ready = await checkReadiness();
    expect(ready).toMatchObject({ ready: true, problems: [] });
    expect(ready.migrations.applied).toBe(ready.migrations.shipped);

    await cluster.stop();
    const down = await checkReadiness();
    expect(down.ready).toBe(false);
    expect(down.problems[0]).toMatch(/database unreachable/);

    cluster = await startEmbedded({ dir, port, persistent: true });
    let again = await checkReadiness();
    for (let i = 0; i < 20 && !again.ready; i++) {
      await new Promise((r) => setTimeout(r, 250));
      again = await checkReadiness();
    }
    expect(again).toMatchObject({ ready: true });
  });

  it("is not ready while a shipped migration is missing", async () => {
    const owner = new pg.Client({ connectionString: urlFor(port, "ready") });
    await owner.connect();
    try {
      await owner.query(
        "UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = (SELECT max(migration_name) FROM _prisma_migrations)",
      );
      const result = await checkReadiness();
      expect(result.ready).toBe(false);
      expect(result.problems[0]).toMatch(/not applied.*npm run db:migrate/);
    } finally {
      await owner.end();
    }
  });
});
