// `npm run bench -- --scale 10m` (or 1m, 100k, any N): the scale-up proof. On one scratch
// database it seeds N/10 enrollments, measures, seeds up to N, measures again, and reports each
// figure's growth ratio (issue 18's targets: page p95 at N at most 1.5x its value at N/10, runner
// rate at N at least 0.8x). Measured at each stage, on the newest seed's first sequence (the
// largest sequence at that stage: 50,000 enrollments at 1M, 450,000 at 10M):
// - single-client full-response p95 of the enrollments list, an enrollment page, the diff page
//   and the mailbox (p95 and p50 of SCALE_PAGE_RUNS requests, default 200, after 5 warm-ups),
//   after a CHECKPOINT that flushes what the seed and its VACUUM dirtied;
// - the analytics TTFB p95 (dashboard, compare page; analytics-bench);
// - the runner's rate, 1 worker, on a fresh batch of due one-email enrollments (runner-bench).
// Then the pages once more, paired: a copy of the small stage's database and the large one, timed
// in alternating rounds (scale-pairs.ts), with pg_stat_statements comparing their statements.
// SCALE_KEEP_MINUTES=N keeps both databases that long at the end, for EXPLAIN by hand.
// Writes bench/results/scale-up-<date>-<N>.json and a chart, scale-up-<N>.svg, next to it.
import { randomBytes } from "node:crypto";
import { existsSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { openScratchDatabase, writeJson } from "../db/database";
import { DEV_RUNTIME_LOGIN, dropLoginRole, ensureRuntimeLogin, migrateDatabase } from "../db/roles";
import { ROOT } from "../db/schema-engine";
import { seedLarge, sizesForEnrollments } from "../seed-large";
import { benchAnalytics } from "./analytics-bench";
import { BENCH_BASE, BENCH_DIST_DIR, benchTargets, buildApp, signIn, startNext, timePage } from "./page-bench";
import { stopChild } from "./proc";
import { benchRunner } from "./runner-bench";
import { copyDatabase, measurePairs, STATEMENT_STATS_FLAGS } from "./scale-pairs";
import { median, round } from "./stats";

/** "10m" -> 10,000,000; "250k" -> 250,000; "5000" -> 5,000. */
export function parseScale(text: string): number {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim());
  if (!m) throw new Error(`--scale wants a count such as 10m, 1m or 250k, not "${text}"`);
  const n = Number(m[1]) * (m[2]!.toLowerCase() === "m" ? 1e6 : m[2]!.toLowerCase() === "k" ? 1e3 : 1);
  if (n < 20_000) throw new Error("--scale needs at least 20k enrollments (two stages of 20 sequences)");
  return Math.round(n);
}

const label = (n: number) => (n >= 1e6 ? `${round(n / 1e6, 1)}m` : `${round(n / 1e3, 1)}k`);

/** The build's and the server's environment, as page-bench gives them. */
export function serverEnv(url: string, base = BENCH_BASE): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    NEXT_DIST_DIR: BENCH_DIST_DIR,
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: url,
    NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
    NEXTAUTH_URL: base,
  };
}

// Requests per page and stage. A p95 of 50 single-client requests moved by up to 1.9x between two
// 10M runs at the same size (BENCHMARKS.md); 200 give it ten samples above the 95th percentile.
const PAGE_RUNS = Number(process.env.SCALE_PAGE_RUNS ?? 200);
const PAIR_ROUNDS = Number(process.env.SCALE_PAIR_ROUNDS ?? 4);
const KEEP_MINUTES = Number(process.env.SCALE_KEEP_MINUTES ?? 0);

/** Ends the bench's Prisma client, so its database can be copied; the next db() call opens a new one. */
async function closeAppClient(): Promise<void> {
  const { db: prisma } = await import("../../lib/server/db");
  await prisma().$disconnect();
  (globalThis as { sequencerDb?: unknown }).sequencerDb = undefined; // lib/server/db.ts's singleton
}

/** CHECKPOINT as the owner (the runtime role may not); a no-op where the owner lacks the right. */
async function checkpoint(ownerUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query("CHECKPOINT");
  } catch (error) {
    console.warn(`CHECKPOINT skipped: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await client.end();
  }
}

type Stage = { enrollments: number; events: number; messages: number; figures: Record<string, number> };

async function measure(
  ownerUrl: string,
  actorId: string,
  sequenceId: string,
  log: (s: string) => void,
): Promise<Record<string, number>> {
  const { enrollmentId } = await benchTargets(ownerUrl, sequenceId);
  const env = serverEnv(ownerUrl);
  const next = await startNext(env, BENCH_BASE);
  const figures: Record<string, number> = {};
  try {
    const cookie = await signIn();
    const pages = {
      enrollments: `/enrollments?sequence=${sequenceId}&status=active`,
      enrollment_detail: `/enrollments/${enrollmentId}`,
      diff: `/sequences/${sequenceId}/diff?from=1&to=2`,
      mailbox: "/messages",
    };
    for (const [name, pathname] of Object.entries(pages)) {
      const t = await timePage(pathname, cookie, PAGE_RUNS);
      figures[`page_p95_ms_${name}`] = t.total_p95;
      figures[`page_p50_ms_${name}`] = t.total_p50;
      log(`  page ${name}: full response p95 ${t.total_p95.toFixed(1)} ms (p50 ${t.total_p50.toFixed(1)})`);
    }
    // The list reuses a large sequence's per-version counts for up to 30 s (version-counts.ts), so
    // its p95 hides the count itself: the count's own cost, the first view's price, is kept apart.
    const { countPerVersion } = await import("../../lib/server/enrollment-views/version-counts");
    const countTimes: number[] = [];
    for (let i = 0; i < 7; i++) {
      const t0 = performance.now();
      await countPerVersion(sequenceId);
      countTimes.push(performance.now() - t0);
    }
    figures.version_counts_query_ms = median(countTimes);
    log(`  version counts (uncached, the list's first view): median ${figures.version_counts_query_ms.toFixed(1)} ms`);
    const analytics = await benchAnalytics({ url: ownerUrl, sequenceId, cookie, log: (s) => log(`  ${s}`) });
    figures.analytics_ttfb_p95_ms = analytics.analytics_ttfb_p95_ms!;
  } finally {
    await stopChild(next);
  }
  const runner = await benchRunner(ownerUrl, actorId, {
    count: Number(process.env.BENCH_RUNNER_COUNT ?? 20_000),
    rounds: 1,
    log: (s) => log(`  ${s}`),
  });
  figures.runner_exec_per_s_1w = runner.runner_exec_per_s_1w;
  figures.runner_vs_raw = runner.runner_vs_raw;
  return figures;
}

/** A small line chart of each page's p95 and the runner rate against the enrollment count. */
export function chartSvg(stages: Stage[], total: number): string {
  const W = 640;
  const H = 320;
  const pad = { l: 60, r: 150, t: 30, b: 40 };
  const keys = Object.keys(stages[0]!.figures).filter((k) => k.startsWith("page_p95_ms_"));
  const max = Math.max(...stages.flatMap((s) => keys.map((k) => s.figures[k]!))) * 1.15 || 1;
  const x = (i: number) => pad.l + (i * (W - pad.l - pad.r)) / Math.max(1, stages.length - 1);
  const y = (v: number) => H - pad.b - (v / max) * (H - pad.t - pad.b);
  const colours = ["#4f46e5", "#0891b2", "#16a34a", "#d97706"];
  // Labels at the right end, pushed apart so close lines stay readable.
  const ends = keys
    .map((k, i) => ({ k, i, last: stages[stages.length - 1]!.figures[k]! }))
    .sort((a, b) => y(a.last) - y(b.last));
  let floor = -Infinity;
  const labelY = new Map<string, number>();
  for (const e of ends) {
    floor = Math.max(y(e.last) + 4, floor + 14);
    labelY.set(e.k, floor);
  }
  const lines = keys.map((k, i) => {
    const colour = colours[i % colours.length];
    const points = stages.map((s, j) => `${x(j)},${y(s.figures[k]!)}`).join(" ");
    const last = stages[stages.length - 1]!.figures[k]!;
    return (
      `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${points}"/>` +
      `<text x="${x(stages.length - 1) + 8}" y="${labelY.get(k)}" font-size="12" fill="${colour}">${k.replace("page_p95_ms_", "")} ${round(last, 0)} ms</text>`
    );
  });
  const ticks = stages.map(
    (s, j) =>
      `<text x="${x(j)}" y="${H - pad.b + 18}" font-size="12" text-anchor="middle">${label(s.enrollments)} enrollments</text>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif">
<rect width="100%" height="100%" fill="white"/>
<text x="${pad.l}" y="18" font-size="14">Page p95 (ms, single client) at ${stages.map((s) => label(s.enrollments)).join(" and ")} enrollments (scale ${label(total)})</text>
<line x1="${pad.l}" y1="${H - pad.b}" x2="${W - pad.r}" y2="${H - pad.b}" stroke="#94a3b8"/>
<line x1="${pad.l}" y1="${pad.t}" x2="${pad.l}" y2="${H - pad.b}" stroke="#94a3b8"/>
<text x="${pad.l - 8}" y="${y(max / 1.15) + 4}" font-size="11" text-anchor="end">${round(max / 1.15, 0)}</text>
<text x="${pad.l - 8}" y="${H - pad.b + 4}" font-size="11" text-anchor="end">0</text>
${ticks.join("\n")}
${lines.join("\n")}
</svg>
`;
}

export async function scaleUp(total: number, log: (s: string) => void = console.log): Promise<void> {
  const stagesWanted = [Math.round(total / 10), total];
  // BENCH_BUILD=0 reuses an existing .next-bench build (as the usual bench does).
  const reuseBuild = process.env.BENCH_BUILD === "0" && existsSync(path.join(ROOT, BENCH_DIST_DIR, "BUILD_ID"));
  const db = await openScratchDatabase("bench-scale", { postgresFlags: STATEMENT_STATS_FLAGS });
  const adminUrl = process.env.DATABASE_URL;
  const login = `${DEV_RUNTIME_LOGIN}_scale_${process.pid}`;
  const stages: Stage[] = [];
  const measuredSequences: string[] = [];
  let snapshot: Awaited<ReturnType<typeof copyDatabase>> | null = null;
  const started = Date.now();
  const clock = () => `${((Date.now() - started) / 1000).toFixed(0)}s`;
  try {
    await migrateDatabase(db.url);
    process.env.DATABASE_URL = await ensureRuntimeLogin(db.url, {
      name: login,
      password: randomBytes(18).toString("hex"),
    });
    const { db: prisma } = await import("../../lib/server/db");
    const admin = await prisma().user.create({
      data: { email: "bench-scale@example.com", name: "Bench", role: "admin", passwordHash: "x" },
    });
    let seeded = 0;
    let events = 0;
    for (const [i, target] of stagesWanted.entries()) {
      const sizes = sizesForEnrollments(target - seeded);
      // The build and the first seed use different resources and neither is measured.
      const [summary] = await Promise.all([
        seedLarge(db.url, sizes, (s) => log(`${clock()} seed to ${label(target)}: ${s}`)),
        i === 0 && !reuseBuild ? buildApp(serverEnv(db.url), log) : null,
      ]);
      // The seed's last VACUUM dirtied every page it set hint bits on: flush them now, so the
      // checkpointer does not write gigabytes while the pages below are being timed.
      await checkpoint(db.url);
      seeded += summary.enrollments;
      events += summary.events;
      // The mailbox is measured on a full first page at every stage: the seed writes each
      // enrollment's latest email or SMS (a stage measured on an empty mailbox compares nothing).
      const { messages } = summary; // the seed counts every message in the database, not only its own
      if (messages < 51)
        throw new Error(`only ${messages} messages at ${label(seeded)}: the mailbox page would not be full`);
      log(`${clock()} stage ${label(seeded)} (${messages} messages): measuring on ${summary.sequenceIds[0]}`);
      const figures = await measure(db.url, admin.id, summary.sequenceIds[0]!, log);
      stages.push({ enrollments: seeded, events, messages, figures });
      measuredSequences.push(summary.sequenceIds[0]!);
      if (i === 0) {
        await closeAppClient();
        snapshot = await copyDatabase(db.url, "small");
        log(`${clock()} copied the ${label(seeded)} stage for the paired rounds`);
      }
    }
    await closeAppClient();
    await checkpoint(db.url);
    const pairBase = `http://127.0.0.1:${Number(new URL(BENCH_BASE).port) + 1}`;
    log(`${clock()} paired rounds: ${label(stages[0]!.enrollments)} and ${label(seeded)} in alternation`);
    const paired = await measurePairs({
      small: {
        label: label(stages[0]!.enrollments),
        url: snapshot!.url,
        sequenceId: measuredSequences[0]!,
        base: pairBase,
        env: serverEnv(snapshot!.url, pairBase),
      },
      large: {
        label: label(seeded),
        url: db.url,
        sequenceId: measuredSequences[1]!,
        base: BENCH_BASE,
        env: serverEnv(db.url),
      },
      rounds: PAIR_ROUNDS,
      runsPerRound: Math.ceil(PAGE_RUNS / PAIR_ROUNDS),
      log,
    });
    report(total, stages, paired, log);
    if (KEEP_MINUTES > 0) {
      log(
        `Keeping both databases for ${KEEP_MINUTES} min (SCALE_KEEP_MINUTES); pairs again with\n` +
          `  SMALL_URL='${snapshot!.url}' SMALL_SEQUENCE=${measuredSequences[0]} ` +
          `LARGE_URL='${db.url}' LARGE_SEQUENCE=${measuredSequences[1]} ` +
          `node --conditions=react-server --import tsx scripts/bench/scale-pairs-only.ts`,
      );
      await new Promise((resolve) => setTimeout(resolve, KEEP_MINUTES * 60_000));
    }
  } finally {
    await snapshot?.drop().catch(() => {});
    await db.stop();
    if (!db.embedded && adminUrl) await dropLoginRole(adminUrl, login).catch(() => {});
  }
}

/** Writes the stages, the growth ratios (sequential and paired) and the chart; prints both tables. */
function report(
  total: number,
  stages: Stage[],
  paired: Awaited<ReturnType<typeof measurePairs>>,
  log: (s: string) => void,
) {
  const [small, large] = [stages[0]!, stages[1]!];
  const growth: Record<string, number> = {};
  for (const key of Object.keys(large.figures)) {
    if (key === "runner_vs_raw") continue;
    growth[`${key}_growth`] = round(large.figures[key]! / small.figures[key]!, 3);
  }
  const pageGrowth = Object.entries(growth).filter(([k]) => k.startsWith("page_p95_ms_"));
  const pairedGrowth: Record<string, number> = {};
  for (const key of Object.keys(paired.figures.large!))
    pairedGrowth[`${key}_growth`] = round(paired.figures.large![key]! / paired.figures.small![key]!, 3);
  const output = {
    measured_at: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpu_model: os.cpus()[0]?.model ?? "unknown",
      memory_gb: round(os.totalmem() / 2 ** 30, 1),
      node: process.version,
      loadavg_at_end: os.loadavg().map((l) => round(l, 1)),
    },
    stages: stages.map((s) => ({
      enrollments: s.enrollments,
      events: s.events,
      messages: s.messages,
      figures: Object.fromEntries(Object.entries(s.figures).map(([k, v]) => [k, round(v, 2)])),
    })),
    growth,
    paired: {
      rounds: PAIR_ROUNDS,
      runs_per_round: Math.ceil(PAGE_RUNS / PAIR_ROUNDS),
      figures: Object.fromEntries(
        Object.entries(paired.figures).map(([side, f]) => [
          side,
          Object.fromEntries(Object.entries(f).map(([k, v]) => [k, round(v, 2)])),
        ]),
      ),
      growth: pairedGrowth,
      p95_per_round: paired.rounds,
      statements: paired.statements,
    },
    targets: {
      page_p95_growth_at_most_1_5: pageGrowth.every(([, v]) => v <= 1.5),
      page_p95_growth_at_most_1_5_paired: Object.entries(pairedGrowth)
        .filter(([k]) => k.startsWith("page_p95_ms_"))
        .every(([, v]) => v <= 1.5),
      runner_growth_at_least_0_8: (growth.runner_exec_per_s_1w_growth ?? 0) >= 0.8,
    },
  };
  const stamp = output.measured_at.slice(0, 10);
  // A run whose names are taken (same size; same day for the figures) gets its date and time in
  // both names: a 10M run is 90 minutes of seeding, and its files are the record BENCHMARKS.md
  // cites (the third 10M run overwrote the first's, restored from git).
  const base = path.join(ROOT, `bench/results/scale-up-${stamp}-${label(total)}`);
  const chart = path.join(ROOT, `bench/results/scale-up-${label(total)}`);
  const taken = existsSync(`${base}.json`) || existsSync(`${chart}.svg`);
  const suffix = taken ? `-${output.measured_at.slice(0, 16).replace(/[-:]/g, "").replace("T", "-")}` : "";
  const file = `${base}${suffix}.json`;
  writeJson(file, output);
  writeFileSync(`${chart}${suffix}.svg`, chartSvg(stages, total));
  console.table(
    Object.fromEntries(
      Object.keys(large.figures).map((k) => [
        k,
        {
          [label(small.enrollments)]: round(small.figures[k]!, 1),
          [label(large.enrollments)]: round(large.figures[k]!, 1),
          growth: growth[`${k}_growth`],
        },
      ]),
    ),
  );
  console.table(
    Object.fromEntries(
      Object.keys(paired.figures.large!).map((k) => [
        `paired ${k}`,
        {
          [label(small.enrollments)]: round(paired.figures.small![k]!, 1),
          [label(large.enrollments)]: round(paired.figures.large![k]!, 1),
          growth: pairedGrowth[`${k}_growth`],
        },
      ]),
    ),
  );
  log(`Wrote ${path.relative(ROOT, file)} and its chart; targets met: ${JSON.stringify(output.targets)}`);
}
