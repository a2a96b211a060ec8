// Scale-up's paired measurement. Two 10M runs measured the same pages at the same size up to 1.9x
// apart (BENCHMARKS.md), more than the 1.5x growth the target bounds: a stage measured an hour
// after the other compares two states of a shared machine as much as two data sizes. So the
// scale-up keeps a copy of the small stage's database and, once the large stage is seeded, times
// both in alternating rounds against two servers of the same build: the same minutes of the same
// machine on both sides. pg_stat_statements (preloaded in the scratch cluster) then says which
// statement of which page costs more at the large size, per call, in time and in buffers.
import pg from "pg";
import { withClient } from "../db/roles";
import { benchTargets, signIn, startNext, timePage } from "./page-bench";
import { stopChild } from "./proc";
import { percentile, round } from "./stats";

/** The scratch cluster's settings that make pg_stat_statements available to the pairs. */
export const STATEMENT_STATS_FLAGS = [
  "-c",
  "shared_preload_libraries=pg_stat_statements",
  "-c",
  "pg_stat_statements.track_planning=on",
];

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * A copy of the database at `url` (CREATE DATABASE ... TEMPLATE, a file copy on PostgreSQL 15+).
 * The source must have no other sessions: the caller has closed its own, and any left are ended.
 */
export async function copyDatabase(url: string, suffix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const source = decodeURIComponent(new URL(url).pathname.slice(1));
  const name = `${source}_${suffix}`;
  const maintenance = withDatabase(url, "postgres");
  await withClient(maintenance, async (client) => {
    await client.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
      [source],
    );
    const version = Number((await client.query("SHOW server_version_num")).rows[0].server_version_num);
    const strategy = version >= 150000 ? " STRATEGY = FILE_COPY" : "";
    await client.query(
      `CREATE DATABASE ${pg.escapeIdentifier(name)} TEMPLATE ${pg.escapeIdentifier(source)}${strategy}`,
    );
  });
  return {
    url: withDatabase(url, name),
    drop: () =>
      withClient(maintenance, (client) =>
        client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`),
      ).then(() => {}),
  };
}

export type PairSide = { label: string; url: string; sequenceId: string; base: string; env: NodeJS.ProcessEnv };

/** One statement's cost per call on each side, matched by queryid (same OIDs: one is a copy of the other). */
export type StatementPair = {
  query: string;
  calls_small: number;
  calls_large: number;
  exec_ms_small: number;
  exec_ms_large: number;
  plan_ms_small: number;
  plan_ms_large: number;
  jit_ms_small: number;
  jit_ms_large: number;
  blocks_small: number;
  blocks_large: number;
  read_small: number;
  read_large: number;
};

async function statementStatsReady(url: string, log: (s: string) => void): Promise<boolean> {
  try {
    await withClient(url, async (client) => {
      await client.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      await client.query("SELECT pg_stat_statements_reset()");
    });
    return true;
  } catch (error) {
    log(`pg_stat_statements unavailable, statements not compared: ${(error as Error).message}`);
    return false;
  }
}

async function statementPairs(url: string, small: string, large: string): Promise<StatementPair[]> {
  const name = (u: string) => decodeURIComponent(new URL(u).pathname.slice(1));
  const { rows } = await withClient(url, (client) =>
    client.query(
      `WITH s AS (
         SELECT d.datname, s.queryid, s.query, s.calls,
                s.total_exec_time / s.calls AS exec_ms, s.total_plan_time / greatest(s.plans, 1) AS plan_ms,
                (s.jit_generation_time + s.jit_inlining_time + s.jit_optimization_time + s.jit_emission_time)
                  / s.calls AS jit_ms,
                (s.shared_blks_hit + s.shared_blks_read)::float8 / s.calls AS blocks,
                s.shared_blks_read::float8 / s.calls AS read
         FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
         WHERE d.datname IN ($1, $2) AND s.calls > 0
       )
       SELECT l.query, sm.calls AS calls_small, l.calls AS calls_large,
              sm.exec_ms AS exec_ms_small, l.exec_ms AS exec_ms_large,
              sm.plan_ms AS plan_ms_small, l.plan_ms AS plan_ms_large,
              sm.jit_ms AS jit_ms_small, l.jit_ms AS jit_ms_large,
              sm.blocks AS blocks_small, l.blocks AS blocks_large, sm.read AS read_small, l.read AS read_large
       FROM s l JOIN s sm ON sm.queryid = l.queryid AND sm.datname = $1
       WHERE l.datname = $2
       ORDER BY l.exec_ms * l.calls DESC
       LIMIT 25`,
      [name(small), name(large)],
    ),
  );
  return rows.map((r) => ({
    ...Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k === "query" ? v : round(Number(v), 3)])),
    query: String(r.query).replace(/\s+/g, " ").slice(0, 300),
  })) as StatementPair[];
}

/**
 * Times each page on both sides in `rounds` alternating rounds of `runsPerRound` requests (the
 * side that goes first alternates too) and returns each side's p95 and p50 over all its requests.
 */
export async function measurePairs(options: {
  small: PairSide;
  large: PairSide;
  rounds: number;
  runsPerRound: number;
  log: (s: string) => void;
}): Promise<{
  figures: Record<string, Record<string, number>>;
  rounds: Record<string, { small: number[]; large: number[] }>;
  statements: StatementPair[];
}> {
  const { small, large, rounds, runsPerRound, log } = options;
  const sides = [small, large];
  const targets = await Promise.all(sides.map((s) => benchTargets(s.url, s.sequenceId)));
  const servers = [];
  try {
    for (const side of sides) servers.push(await startNext(side.env, side.base));
    const cookies = await Promise.all(sides.map((s) => signIn(s.base)));
    const pages = (i: number) => ({
      enrollments: `/enrollments?sequence=${sides[i]!.sequenceId}&status=active`,
      enrollment_detail: `/enrollments/${targets[i]!.enrollmentId}`,
      diff: `/sequences/${sides[i]!.sequenceId}/diff?from=1&to=2`,
      mailbox: "/messages",
    });
    const names = Object.keys(pages(0)) as (keyof ReturnType<typeof pages>)[];
    const samples = names.map(() => [[], []] as number[][]);
    const perRound: Record<string, { small: number[]; large: number[] }> = {};
    for (const name of names) perRound[name] = { small: [], large: [] };
    const withStats = await statementStatsReady(large.url, log);
    for (let r = 0; r < rounds; r++) {
      for (const [n, name] of names.entries()) {
        for (const i of r % 2 === 0 ? [0, 1] : [1, 0]) {
          const t = await timePage(pages(i)[name], cookies[i]!, runsPerRound, 5, sides[i]!.base);
          samples[n]![i]!.push(...t.total);
          perRound[name]![i === 0 ? "small" : "large"].push(round(t.total_p95, 1));
        }
      }
      log(
        `  paired round ${r + 1}/${rounds}: ` +
          names
            .map((name) => `${name} ${perRound[name]!.small.at(-1)} / ${perRound[name]!.large.at(-1)} ms`)
            .join(", "),
      );
    }
    const figures: Record<string, Record<string, number>> = { small: {}, large: {} };
    for (const [n, name] of names.entries()) {
      for (const [i, key] of (["small", "large"] as const).entries()) {
        figures[key]![`page_p95_ms_${name}`] = percentile(samples[n]![i]!, 95);
        figures[key]![`page_p50_ms_${name}`] = percentile(samples[n]![i]!, 50);
      }
    }
    // The JIT columns need PostgreSQL 15+; a failed comparison costs the figures nothing.
    const statements = withStats
      ? await statementPairs(large.url, small.url, large.url).catch((error: Error) => {
          log(`statements not compared: ${error.message}`);
          return [];
        })
      : [];
    return { figures, rounds: perRound, statements };
  } finally {
    for (const server of servers) await stopChild(server);
  }
}
