// Tracking throughput over HTTP: `clients` keep-alive clients (default 32) request open pixels
// and tracked links of real delivered messages in a loop for BENCH_TRACKING_SECONDS (default 10);
// then the events written are counted and must equal the requests answered (each event written
// once, none lost). Measured twice in the same run: the tracker process (scripts/tracker.ts):
// tracking_events_per_s and tracking_p95_ms; then the app's /t/ routes under `next start` on a
// production build: tracking_next_events_per_s and tracking_next_p95_ms. Uses the build in
// .next-bench, else .next, else builds .next-bench. BENCH_TRACKING=0 skips it
// (scripts/bench/extra-benches.ts); BENCH_TRACKING_NEXT=0 skips the app's routes;
// BENCH_TRACKER_NODE_ARGS adds node flags to the tracker (e.g. "--cpu-prof --cpu-prof-dir=/tmp/p").
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import http from "node:http";
import { loadavg } from "node:os";
import path from "node:path";
import pg from "pg";
import { ROOT } from "../db/schema-engine";
import { buildApp, startNext } from "./page-bench";
import { spawnChild, stopChild, waitUntil } from "./proc";
import { percentile } from "./stats";

const PORT = Number(process.env.BENCH_TRACKING_PORT ?? 3610);
const NEXT_BASE = `http://127.0.0.1:${PORT}`;
const TRACKER_PORT = PORT + 1;
const TRACKER_BASE = `http://127.0.0.1:${TRACKER_PORT}`;
const UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";

function getOnce(agent: http.Agent, url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request(url, { agent, headers: { "user-agent": UA } }, (res) => {
      res.on("data", () => {});
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", () => resolve(0));
    });
    req.setTimeout(30_000, () => req.destroy(new Error("timeout")));
    req.on("error", () => resolve(0));
    req.end();
  });
}

async function prepare(actorId: string, contacts: number): Promise<{ sequenceId: string; urls: string[] }> {
  const { db } = await import("../../lib/server/db");
  const { createSequence } = await import("../../lib/server/sequences/create-sequence");
  const { saveDraft } = await import("../../lib/server/sequences/save-draft");
  const { publishVersion } = await import("../../lib/server/sequences/publish-version");
  const { enrollContacts } = await import("../../lib/server/sequences/enroll-contacts");
  const { drainDue } = await import("../../lib/engine/run-batch");
  const { drainDeliveries } = await import("../../lib/engine/deliver-messages");
  const { id } = await createSequence({ actorId, name: "Tracking bench", description: "" });
  await saveDraft({
    actorId,
    sequenceId: id,
    revision: 0,
    draft: {
      steps: [
        {
          key: "hello",
          type: "email",
          subject: "Hello",
          body: "See https://example.com/a and https://example.com/b\n\nUnsubscribe: {{unsubscribe_url}}",
        },
      ],
      settings: { exitOnReply: true, exitOnUnsubscribe: true },
    },
  });
  await publishVersion({ actorId, sequenceId: id, note: "bench" });
  const tag = randomBytes(4).toString("hex");
  await db().contact.createMany({
    data: Array.from({ length: contacts }, (_, i) => ({ email: `track-${tag}-${i}@bench.example` })),
  });
  const ids = (
    await db().contact.findMany({ where: { email: { startsWith: `track-${tag}-` } }, select: { id: true } })
  ).map((c) => c.id);
  // Delivered an hour ago, so the bench's opens are human ones (outside the machine window).
  const sentAt = new Date(Date.now() - 3_600_000);
  await enrollContacts({ actorId, sequenceId: id, contactIds: ids, now: sentAt });
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  const urls: string[] = [];
  try {
    await drainDue({ pool, now: sentAt, scope: { sequenceIds: [id] } });
    await drainDeliveries({
      pool,
      now: sentAt,
      scope: { sequenceIds: [id] },
      transportFor: () => ({
        name: "capture",
        send: async (m) => {
          for (const match of `${m.body} ${m.html ?? ""}`.matchAll(/https?:\/\/[^\s"<]+\/t\/[oc]\/[A-Za-z0-9_.-]+/g))
            urls.push(match[0]);
        },
      }),
    });
  } finally {
    await pool.end();
  }
  return { sequenceId: id, urls: [...new Set(urls)] };
}

async function countRows(url: string, sequenceId: string): Promise<{ events: number; counted: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const events = await client.query<{ n: number }>(
      `SELECT count(*)::int n FROM enrollment_events ev JOIN enrollments e ON e.id = ev.enrollment_id
       WHERE e.sequence_id = $1 AND ev.type IN ('message_opened', 'link_clicked')`,
      [sequenceId],
    );
    const counted = await client.query<{ n: number }>(
      `SELECT coalesce(sum(count), 0)::int n FROM outcome_counts
       WHERE sequence_id = $1 AND metric IN ('opened', 'opened_machine', 'clicked', 'clicked_machine')`,
      [sequenceId],
    );
    return { events: events.rows[0]!.n, counted: counted.rows[0]!.n };
  } finally {
    await client.end();
  }
}

type Measured = { ok: number; errors: number; statuses: Map<number, number>; times: number[]; elapsed: number };

/**
 * `clients` keep-alive clients request `urls` (rebased on `base`) for `seconds`, after a 3 s
 * warm-up; the events and counter increments written meanwhile must equal the requests answered.
 */
async function measureServer(
  label: string,
  base: string,
  urls: string[],
  options: { ownerUrl: string; sequenceId: string; clients: number; seconds: number; log: (s: string) => void },
): Promise<{ perS: number; p95: number }> {
  const agents = Array.from({ length: options.clients }, () => new http.Agent({ keepAlive: true, maxSockets: 1 }));
  let cursor = 0;
  const nextUrl = () => urls[cursor++ % urls.length]!.replace(/^https?:\/\/[^/]+/, base);
  const run = async (durationMs: number, measure: boolean): Promise<Measured> => {
    const times: number[] = [];
    let ok = 0;
    let errors = 0;
    const statuses = new Map<number, number>();
    const end = performance.now() + durationMs;
    const start = performance.now();
    await Promise.all(
      agents.map(async (agent) => {
        while (performance.now() < end) {
          const t0 = performance.now();
          const status = await getOnce(agent, nextUrl());
          if (measure) times.push(performance.now() - t0);
          if (status === 200 || status === 302) ok += 1;
          else {
            errors += 1;
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
          }
        }
      }),
    );
    return { ok, errors, statuses, times, elapsed: (performance.now() - start) / 1000 };
  };
  try {
    await run(3000, false); // warm-up: compiled paths, pools filled
    const before = await countRows(options.ownerUrl, options.sequenceId);
    const measured = await run(options.seconds * 1000, true);
    const after = await countRows(options.ownerUrl, options.sequenceId);
    const written = after.events - before.events;
    const counted = after.counted - before.counted;
    const perS = measured.ok / measured.elapsed;
    const p95 = percentile(measured.times, 95);
    options.log(
      `tracking (${label}): ${measured.ok} requests in ${measured.elapsed.toFixed(1)} s (${perS.toFixed(0)}/s, ${options.clients} clients), p95 ${p95.toFixed(1)} ms, ${measured.errors} errors${measured.errors ? ` (statuses ${JSON.stringify(Object.fromEntries(measured.statuses))})` : ""}; events written ${written}, counter increments ${counted}; load average ${loadavg()[0]!.toFixed(2)}`,
    );
    if (written !== measured.ok || counted !== measured.ok || measured.errors > 0)
      throw new Error(
        `tracking (${label}): ${measured.ok} requests answered but ${written} events and ${counted} counter increments written (${measured.errors} errors)`,
      );
    return { perS, p95 };
  } finally {
    for (const agent of agents) agent.destroy();
  }
}

/**
 * The tracker process (`scripts/tracker.ts`, what production runs for /t/ when
 * SEQUENCER_TRACKING_URL is set) gives tracking_events_per_s and tracking_p95_ms; the app's own
 * /t/ route handlers under `next start`, measured in the same run with the same clients, give
 * tracking_next_events_per_s and tracking_next_p95_ms (the ratio is the gain on this machine).
 */
export async function benchTracking(
  ownerUrl: string,
  actorId: string,
  options: { log: (s: string) => void; build?: boolean; clients?: number; seconds?: number },
): Promise<Record<string, number>> {
  const { log } = options;
  const clients = options.clients ?? Number(process.env.BENCH_TRACKING_CLIENTS ?? 32);
  const seconds = options.seconds ?? Number(process.env.BENCH_TRACKING_SECONDS ?? 10);
  const secret = randomBytes(32).toString("hex");
  // The bench process signs the links at delivery; the servers must verify them with the same key.
  process.env.SEQUENCER_SIGNING_SECRET = secret;
  process.env.SEQUENCER_PUBLIC_URL = NEXT_BASE;
  const { sequenceId, urls } = await prepare(actorId, 500);
  log(`tracking: ${urls.length} tracked URLs prepared`);
  const measureOptions = { ownerUrl, sequenceId, clients, seconds, log };

  // A fresh build when asked; else the page bench's build of this run, or an existing one.
  const distDir = options.build
    ? null
    : existsSync(path.join(ROOT, ".next-bench", "BUILD_ID"))
      ? ".next-bench"
      : existsSync(path.join(ROOT, ".next", "BUILD_ID"))
        ? ".next"
        : null;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_DIST_DIR: distDir ?? ".next-bench",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
    NEXTAUTH_URL: NEXT_BASE,
    SEQUENCER_SIGNING_SECRET: secret,
    SEQUENCER_PUBLIC_URL: NEXT_BASE,
    LOG_LEVEL: "warn",
  };
  if (!distDir) await buildApp(env, log);

  // The tracker first (the figure of record), then the app's routes.
  const nodeArgs = (process.env.BENCH_TRACKER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const tracker = spawnChild(
    process.execPath,
    [...nodeArgs, "--conditions=react-server", "--import", "tsx", "scripts/tracker.ts"],
    {
      cwd: ROOT,
      env: { ...env, TRACKING_PORT: String(TRACKER_PORT), TRACKING_HOST: "127.0.0.1" },
    },
  );
  let trackerFigures;
  try {
    await waitUntil(
      async () => {
        if (tracker.child.exitCode !== null) throw new Error(`tracker exited:\n${tracker.output()}`);
        return fetch(`${TRACKER_BASE}/health`).then(
          (r) => r.ok,
          () => false,
        );
      },
      "the tracker",
      60_000,
      100,
    );
    trackerFigures = await measureServer("tracker", TRACKER_BASE, urls, measureOptions);
  } finally {
    await stopChild(tracker);
  }
  if (tracker.child.exitCode !== 0)
    throw new Error(`tracker did not stop cleanly (${tracker.child.exitCode}):\n${tracker.output()}`);

  const trackerResults = { tracking_events_per_s: trackerFigures.perS, tracking_p95_ms: trackerFigures.p95 };
  if (process.env.BENCH_TRACKING_NEXT === "0") return trackerResults;

  const next = await startNext(env, NEXT_BASE);
  try {
    const nextFigures = await measureServer("next start", NEXT_BASE, urls, measureOptions);
    return {
      ...trackerResults,
      tracking_next_events_per_s: nextFigures.perS,
      tracking_next_p95_ms: nextFigures.p95,
    };
  } finally {
    await stopChild(next);
  }
}
