// `npm run test:scale [-- --enrollments 100000]` (not part of `npm test`; needs `npm run build`):
// the scale-out proof. One PostgreSQL (a scratch database on DATABASE_URL's server when set, e.g.
// Debian's PostgreSQL 15 in CI; else an embedded cluster), two app servers (`npm start`) on two
// ports, three workers. N enrollments are created through the public API (batches of 1,000,
// alternating servers), then drained: one worker, then two, then three (the throughput of each
// phase is measured), then one worker is SIGKILLed and restarted. Asserts exactly one execution
// per step, every message delivered exactly once (by execution key), every enrollment completed,
// and no deadlock in any log. Writes bench/results/scale-<date>.json.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { contentHash } from "../../lib/domain/canonical-hash";
import { versionContentSchema } from "../../lib/domain/steps";
import { newApiKeySecret } from "../../lib/server/api-keys/api-key-secret";
import { freePort, openScratchDatabase } from "../db/database";
import { dropLoginRole, ensureRuntimeLogin, migrateDatabase } from "../db/roles";
import { ROOT } from "../db/schema-engine";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const N = arg("enrollments", 100_000);
const BATCH = 1_000;
const STEPS = [
  { key: "e1", type: "email" as const, subject: "Hello {{first_name}}", body: "Hi {{first_name}}" },
  { key: "s1", type: "sms" as const, body: "Text {{first_name}}" },
];
const TOTAL_STEPS = N * STEPS.length;

type Proc = { name: string; child: ChildProcess; output: () => string };
const procs: Proc[] = [];
function start(name: string, args: string[], env: NodeJS.ProcessEnv): Proc {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const keep = (c: Buffer) => {
    output += c.toString();
    if (output.length > 2_000_000) output = output.slice(-1_000_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const proc = { name, child, output: () => output };
  procs.push(proc);
  return proc;
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const db = await openScratchDatabase("scale");
const login = `sequencer_scale_${process.pid}`;
const owner = new pg.Pool({ connectionString: db.url, max: 2 });
owner.on("error", () => {});
const count = async (sql: string, params: unknown[] = []) =>
  Number((await owner.query<{ n: string }>(sql, params)).rows[0]!.n);
let failed = false;
try {
  console.log(
    `Scale test: ${N.toLocaleString()} enrollments, ${os.cpus().length} cores, ${db.embedded ? "embedded PostgreSQL" : "DATABASE_URL's server"}`,
  );
  await migrateDatabase(db.url);
  const appUrl = await ensureRuntimeLogin(db.url, { name: login, password: randomBytes(18).toString("hex") });
  const pgVersion = (await owner.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v;

  // Owner-side fixtures: an admin, an API key with the enroll scope, a published sequence, contacts.
  const admin = (
    await owner.query<{ id: string }>(
      "INSERT INTO users (email, name, role, password_hash) VALUES ($1, 'Scale Admin', 'admin', 'x') RETURNING id",
      [`scale-${randomUUID()}@example.com`],
    )
  ).rows[0]!.id;
  const key = newApiKeySecret();
  await owner.query(
    "INSERT INTO api_keys (name, prefix, secret_hash, scopes, created_by_id) VALUES ('scale', $1, $2, ARRAY['enroll','read'], $3)",
    [key.prefix, key.hash, admin],
  );
  const content = versionContentSchema.parse({ steps: STEPS, settings: {} });
  const sequenceId = (
    await owner.query<{ id: string }>("INSERT INTO sequences (name, status) VALUES ('Scale', 'active') RETURNING id")
  ).rows[0]!.id;
  const versionId = (
    await owner.query<{ id: string }>(
      "INSERT INTO sequence_versions (sequence_id, number, content, content_hash, published_by_id) VALUES ($1, 1, $2, $3, $4) RETURNING id",
      [sequenceId, JSON.stringify(content), contentHash(content), admin],
    )
  ).rows[0]!.id;
  await owner.query("UPDATE sequences SET active_version_id = $2 WHERE id = $1", [sequenceId, versionId]);
  const contactIds = (
    await owner.query<{ id: string }>(
      `INSERT INTO contacts (email, first_name, last_name, phone)
       SELECT 'scale-' || i || '@test.example', 'First' || i, 'Last' || i, '+1555' || lpad(i::text, 7, '0')
         FROM generate_series(1, $1::int) AS i ORDER BY i RETURNING id`,
      [N],
    )
  ).rows.map((r) => r.id);

  // Two app servers.
  const env = {
    ...process.env,
    NODE_ENV: "production" as const,
    DATABASE_URL: appUrl,
    NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
    NEXTAUTH_URL: "http://127.0.0.1",
    NEXT_TELEMETRY_DISABLED: "1",
    API_RATE_LIMIT_PER_MINUTE: "1000000",
    LOG_PRETTY: "0",
  };
  const ports = [await freePort(), await freePort()];
  // Started as production starts them: `npm start` (scripts/start.ts, the standalone server).
  for (const [i, port] of ports.entries())
    start(`app${i + 1}`, ["--import", "tsx", path.join(ROOT, "scripts/start.ts")], {
      ...env,
      PORT: String(port),
      SEQUENCER_HOST: "127.0.0.1",
    });
  for (const port of ports) {
    const deadline = Date.now() + 120_000;
    while (
      (await fetch(`http://127.0.0.1:${port}/api/health`).then(
        (r) => r.status,
        () => 0,
      )) !== 200
    ) {
      if (Date.now() > deadline) throw new Error(`app server on ${port} did not start`);
      await sleep(250);
    }
  }

  // Enroll through the API: batches of 1,000, alternating servers, four requests in flight.
  const enrollStarted = performance.now();
  const batches: string[][] = [];
  for (let i = 0; i < contactIds.length; i += BATCH) batches.push(contactIds.slice(i, i + BATCH));
  let next = 0;
  let enrolled = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < batches.length) {
        const b = next++;
        const port = ports[b % ports.length]!;
        const response = await fetch(`http://127.0.0.1:${port}/api/v1/enrollments`, {
          method: "POST",
          headers: { authorization: `Bearer ${key.secret}`, "content-type": "application/json" },
          body: JSON.stringify({ sequenceId, contactIds: batches[b] }),
        });
        if (!response.ok) throw new Error(`enroll batch ${b}: ${response.status} ${await response.text()}`);
        // Read first, then add: `enrolled += await ...` would read `enrolled` before the await
        // and lose the other requests' additions in between.
        const added = ((await response.json()) as { enrolled: number }).enrolled;
        enrolled += added;
      }
    }),
  );
  const enrollSeconds = (performance.now() - enrollStarted) / 1000;
  console.log(
    `Enrolled ${enrolled.toLocaleString()} through the API in ${enrollSeconds.toFixed(1)} s (${Math.round(enrolled / enrollSeconds)}/s)`,
  );
  const stored = await count("SELECT count(*) AS n FROM enrollments WHERE sequence_id = $1", [sequenceId]);
  if (enrolled !== N || stored !== N) throw new Error(`enrolled ${enrolled} of ${N} (${stored} rows stored)`);

  // Drain: 1, then 2, then 3 workers, each phase measured over a share of the steps.
  const steps = () => count("SELECT count(*) AS n FROM enrollment_events WHERE type = 'step_executed'");
  const workerEnv = { ...env, WORKER_POLL_MS: "200" };
  const workerArgs = ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"];
  const workers: Proc[] = [];
  const phases: { workers: number; steps: number; seconds: number; stepsPerSecond: number }[] = [];
  for (const [w, until] of [
    [1, 0.2],
    [2, 0.4],
    [3, 0.6],
  ] as const) {
    workers.push(start(`worker${w}`, workerArgs, workerEnv));
    await sleep(w === 1 ? 0 : 1500); // let the new worker start claiming before the window opens
    const from = await steps();
    const t0 = performance.now();
    let now = from;
    while (now < TOTAL_STEPS * until) {
      await sleep(250);
      now = await steps();
    }
    const seconds = (performance.now() - t0) / 1000;
    phases.push({ workers: w, steps: now - from, seconds, stepsPerSecond: Math.round((now - from) / seconds) });
    console.log(
      `${w} worker(s): ${now - from} steps in ${seconds.toFixed(1)} s = ${Math.round((now - from) / seconds)} steps/s`,
    );
  }
  // Kill one worker mid-way (no shutdown at all) and start it again.
  workers[1]!.child.kill("SIGKILL");
  console.log(`SIGKILLed worker2 at ${await steps()} of ${TOTAL_STEPS} steps`);
  await sleep(1000);
  workers[1] = start("worker2-restarted", workerArgs, workerEnv);
  const drainStart = performance.now();
  for (;;) {
    const done = await count("SELECT count(*) AS n FROM enrollments WHERE sequence_id = $1 AND status = 'completed'", [
      sequenceId,
    ]);
    const queued = await count("SELECT count(*) AS n FROM messages WHERE status = 'queued'");
    if (done === N && queued === 0) break;
    if ((performance.now() - drainStart) / 1000 > 1800)
      throw new Error(`not drained: ${done} completed, ${queued} queued`);
    await sleep(500);
  }

  // The checks.
  const checks: [string, boolean, unknown][] = [];
  const executions = await count("SELECT count(*) AS n FROM enrollment_events WHERE type = 'step_executed'");
  const distinctExecutions = await count(
    "SELECT count(DISTINCT (enrollment_id, execution_key)) AS n FROM enrollment_events WHERE type = 'step_executed'",
  );
  checks.push([
    "one execution per step",
    executions === TOTAL_STEPS && distinctExecutions === TOTAL_STEPS,
    { executions, distinctExecutions },
  ]);
  const messages = await count("SELECT count(*) AS n FROM messages");
  const sent = await count("SELECT count(*) AS n FROM messages WHERE status = 'sent'");
  const distinctMessages = await count("SELECT count(DISTINCT (enrollment_id, execution_key)) AS n FROM messages");
  const sentEvents = await count("SELECT count(*) AS n FROM enrollment_events WHERE type = 'message_sent'");
  const sentEventKeys = await count(
    // A message_sent event names its message (detail.messageId); it has no execution key.
    "SELECT count(DISTINCT detail ->> 'messageId') AS n FROM enrollment_events WHERE type = 'message_sent'",
  );
  checks.push([
    "every message delivered once",
    messages === TOTAL_STEPS &&
      sent === TOTAL_STEPS &&
      distinctMessages === TOTAL_STEPS &&
      sentEvents === TOTAL_STEPS &&
      sentEventKeys === TOTAL_STEPS,
    { messages, sent, distinctMessages, sentEvents, sentEventKeys },
  ]);
  const deadlocks = procs.filter((p) => /deadlock/i.test(p.output())).map((p) => p.name);
  checks.push(["no deadlock in the logs", deadlocks.length === 0, deadlocks]);
  for (const [what, ok, detail] of checks) console.log(`${ok ? "ok  " : "FAIL"} ${what} ${JSON.stringify(detail)}`);
  failed = checks.some(([, ok]) => !ok);

  const result = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model,
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      loadavg: os.loadavg(),
    },
    postgres: pgVersion,
    enrollments: N,
    enrollThroughApi: { seconds: enrollSeconds, perSecond: Math.round(N / enrollSeconds) },
    phases,
    drainAfterKillSeconds: (performance.now() - drainStart) / 1000,
    checks: checks.map(([what, ok, detail]) => ({ what, ok, detail })),
  };
  mkdirSync(path.join(ROOT, "bench", "results"), { recursive: true });
  const file = path.join(ROOT, "bench", "results", `scale-${result.date.slice(0, 10)}-${N}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`Written ${path.relative(ROOT, file)}`);
} catch (error) {
  failed = true;
  console.error(error);
  for (const p of procs) console.error(`--- ${p.name}\n${p.output().slice(-1500)}`);
} finally {
  for (const p of procs) if (p.child.exitCode === null) p.child.kill("SIGTERM");
  await sleep(3000);
  for (const p of procs) if (p.child.exitCode === null) p.child.kill("SIGKILL");
  await owner.end();
  await db.stop().catch(() => {});
  if (!db.embedded && process.env.DATABASE_URL) await dropLoginRole(process.env.DATABASE_URL, login).catch(() => {});
}
process.exit(failed ? 1 : 0);
