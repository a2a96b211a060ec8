// analytics_ttfb_p95_ms: the dashboard (/) and the compare page (/sequences/[id]/diff) over HTTP
// on the large seed, measured like page-bench.ts (TTFB, 50 runs after 5 warm-ups). The large seed
// writes its rows raw, so the outcome counters are filled here first, set-based, in the shape
// the store keeps them (per version, step, UTC day and metric; each version live for 30 days),
// and the dashboard's queries are EXPLAINed so the log shows which index each one uses.
//
// Part of `npm run bench` (scripts/bench/page-bench.ts calls benchAnalytics on its server).
// Alone, against a small seed and an existing `next build` in .next:
//   BENCH_PORT=3303 BENCH_SCALE=0.02 node --conditions=react-server --import tsx scripts/bench/analytics-bench.ts
import { randomBytes } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { OUTCOME_METRICS } from "../../lib/domain/outcome-metrics";
import { openScratchDatabase } from "../db/database";
import { migrateDatabase } from "../db/roles";
import { ROOT } from "../db/schema-engine";
import { seedLarge } from "../seed-large";
import { scaledSizes, signIn, timePage } from "./page-bench";
import { spawnChild, stopChild, waitUntil } from "./proc";

const CHARTED = ["enrolled", "sent", "delivered", "opened_unique", "clicked_unique", "replied"] as const;
CHARTED.forEach((m) => {
  if (!(OUTCOME_METRICS as readonly string[]).includes(m)) throw new Error(`unknown outcome metric ${m}`);
});

/** Counter rows for the seeded sequences, unless the store already wrote some for them. */
export async function fillOutcomeCounters(url: string, sequenceIds: string[]): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM outcome_counts WHERE sequence_id = ANY($1::uuid[])`,
      [sequenceIds],
    );
    if (Number(rows[0]!.n) > 0) return 0;
    // Version number k of N was live for the 30 days ending 30 * (N - k) days ago; every email or
    // SMS step of it gets a row per day for the per-step metrics, the enrollment level gets "enrolled".
    const inserted = await client.query(
      `INSERT INTO outcome_counts (sequence_id, sequence_version_id, step_key, day, metric, count)
       SELECT v.sequence_id, v.id, s.step ->> 'key', (current_date - (30 * (last.n - v.number) + d)), m.metric,
              (10 + (abs(hashtext(v.id::text || d || m.metric)) % 90)) / m.divisor
       FROM sequence_versions v
       JOIN (SELECT sequence_id, max(number) AS n FROM sequence_versions GROUP BY sequence_id) last ON last.sequence_id = v.sequence_id
       CROSS JOIN LATERAL jsonb_array_elements(v.content -> 'steps') s(step)
       CROSS JOIN generate_series(0, 29) d
       CROSS JOIN (VALUES ('sent', 1), ('delivered', 1), ('opened_unique', 2), ('clicked_unique', 6), ('replied', 12)) m(metric, divisor)
       WHERE v.sequence_id = ANY($1::uuid[]) AND s.step ->> 'type' IN ('email', 'sms')
       UNION ALL
       SELECT v.sequence_id, v.id, '', (current_date - (30 * (last.n - v.number) + d)), 'enrolled', 20 + (abs(hashtext(v.id::text || d)) % 50)
       FROM sequence_versions v
       JOIN (SELECT sequence_id, max(number) AS n FROM sequence_versions GROUP BY sequence_id) last ON last.sequence_id = v.sequence_id
       CROSS JOIN generate_series(0, 29) d
       WHERE v.sequence_id = ANY($1::uuid[])
       ON CONFLICT DO NOTHING`,
      [sequenceIds],
    );
    await client.query("ANALYZE outcome_counts");
    return inserted.rowCount ?? 0;
  } finally {
    await client.end();
  }
}

/** EXPLAIN (ANALYZE) of the dashboard's queries: one line each with its time and the indexes it used. */
export async function explainDashboard(url: string, sequenceId: string, log: (s: string) => void): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const since = new Date(Date.now() - 86_400_000);
  const until = new Date(Date.now() + 86_400_000);
  const queries: [string, string, unknown[]][] = [
    [
      "in flight by version",
      `SELECT e.sequence_id, e.sequence_version_id, count(*) FROM enrollments e
       WHERE e.sequence_id = ANY(ARRAY(SELECT id FROM sequences WHERE status = 'active' ORDER BY updated_at DESC LIMIT 50))
         AND e.status = ANY('{active,paused}'::"EnrollmentStatus"[]) GROUP BY 1, 2`,
      [],
    ],
    [
      "messages due in 24 h",
      `SELECT e.sequence_version_id, e.current_step_index, count(*) FROM enrollments e
       WHERE e.status = 'active' AND e.next_run_at IS NOT NULL AND e.next_run_at < $1 GROUP BY 1, 2`,
      [until],
    ],
    ["open tasks", `SELECT count(*) FROM tasks WHERE completed_at IS NULL`, []],
    ["overdue tasks", `SELECT count(*) FROM tasks WHERE completed_at IS NULL AND due_at < now()`, []],
    ["failed messages 24 h", `SELECT count(*) FROM messages WHERE status = 'failed' AND created_at >= $1`, [since]],
    [
      "failed enrollments 24 h",
      `SELECT count(*) FROM enrollments WHERE status = 'failed' AND finished_at >= $1`,
      [since],
    ],
    ["recent publishes", `SELECT id FROM sequence_versions ORDER BY published_at DESC LIMIT 8`, []],
    ["recent migrations", `SELECT id FROM enrollment_migrations ORDER BY created_at DESC LIMIT 8`, []],
    [
      "outcome series",
      `SELECT sequence_version_id, day, sum(count) FROM outcome_counts
       WHERE sequence_id = $1 AND day >= current_date - 29 AND metric IN ('sent', 'replied') GROUP BY 1, 2`,
      [sequenceId],
    ],
    [
      "version funnels",
      `SELECT sequence_version_id, metric, sum(count) FROM outcome_counts WHERE sequence_id = $1
       AND metric = ANY('{enrolled,sent,opened_unique,clicked_unique,replied}') GROUP BY 1, 2`,
      [sequenceId],
    ],
  ];
  try {
    for (const [name, sql, params] of queries) {
      const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
      const plan = rows.map((r) => r["QUERY PLAN"]);
      const indexes = [
        ...new Set(
          plan.flatMap((l) =>
            [...l.matchAll(/(?:(?:Index|Index Only) Scan(?: Backward)? using|Bitmap Index Scan on) (\S+)/g)].map(
              (m) => m[1],
            ),
          ),
        ),
      ];
      const seq = plan.filter((l) => /Seq Scan on/.test(l)).map((l) => l.trim().split(" on ")[1]?.split(" ")[0]);
      const time = plan.find((l) => l.startsWith("Execution Time"))?.replace("Execution Time: ", "") ?? "?";
      log(
        `explain ${name}: ${time}; indexes ${indexes.join(", ") || "none"}${seq.length ? `; seq scans ${seq.join(", ")}` : ""}`,
      );
    }
  } finally {
    await client.end();
  }
}

/** TTFB p95 of the dashboard and the compare page on a running server (page-bench's or our own). */
export async function benchAnalytics(options: {
  url: string;
  sequenceId: string;
  cookie: string;
  log: (s: string) => void;
}): Promise<Record<string, number>> {
  const { log } = options;
  const filled = await fillOutcomeCounters(options.url, [options.sequenceId]);
  if (filled) log(`analytics: wrote ${filled} outcome counter rows for the measured sequence`);
  await explainDashboard(options.url, options.sequenceId, log);
  const pages = {
    dashboard: `/?sequence=${options.sequenceId}`,
    compare: `/sequences/${options.sequenceId}/diff?from=1&to=2`,
  };
  const results: Record<string, number> = {};
  for (const [name, pathname] of Object.entries(pages)) {
    const t = await timePage(pathname, options.cookie);
    results[`analytics_ttfb_p95_ms_${name}`] = t.ttfb_p95;
    log(
      `analytics ${name}: TTFB p95 ${t.ttfb_p95.toFixed(1)} ms (p50 ${t.ttfb_p50.toFixed(1)}), ${t.kb.toFixed(0)} KB HTML  ${pathname}`,
    );
  }
  results.analytics_ttfb_p95_ms = Math.max(
    results.analytics_ttfb_p95_ms_dashboard!,
    results.analytics_ttfb_p95_ms_compare!,
  );
  return results;
}

/** Standalone: a scratch database with a scaled-down large seed, `next start` on the existing .next build. */
async function main() {
  const log = (s: string) => console.log(s);
  const scale = Number(process.env.BENCH_SCALE ?? 0.02);
  const port = Number(process.env.BENCH_PORT ?? 3600);
  const db = await openScratchDatabase("analytics");
  try {
    await migrateDatabase(db.url);
    const summary = await seedLarge(db.url, scaledSizes(scale), (s) => log(`seed: ${s}`));
    const hash = await (await import("bcryptjs")).default.hash("bench-pages-password", 10);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query(
      "INSERT INTO users (email, name, role, password_hash) VALUES ('bench-pages@example.com', 'Bench pages', 'admin', $1) ON CONFLICT (email) DO UPDATE SET password_hash = $1",
      [hash],
    );
    await client.end();
    const next = spawnChild(
      process.execPath,
      [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          NODE_ENV: "production",
          NEXT_TELEMETRY_DISABLED: "1",
          DATABASE_URL: db.url,
          NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
          NEXTAUTH_URL: `http://127.0.0.1:${port}`,
        },
      },
    );
    try {
      await waitUntil(
        () =>
          fetch(`http://127.0.0.1:${port}/signin`).then(
            (r) => r.ok,
            () => false,
          ),
        "next start",
        120_000,
        250,
      );
      const results = await benchAnalytics({
        url: db.url,
        sequenceId: summary.sequenceIds[0]!,
        cookie: await signIn(),
        log,
      });
      console.table({ ...results, seed_enrollments: summary.enrollments });
    } finally {
      await stopChild(next);
    }
  } finally {
    await db.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
