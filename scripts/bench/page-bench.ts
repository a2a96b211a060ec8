// Page response times over HTTP from a production build (`next build` into .next-bench, then
// `next start` on port 3600) with the large seed loaded, plus first-load JS per route and the
// Next server's peak RSS.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import bcrypt from "bcryptjs";
import pg from "pg";
import { ROOT } from "../db/schema-engine";
import { FULL_SIZES, seedLarge, type SeedSizes } from "../seed-large";
import { firstLoadJs } from "./first-load-js";
import { benchAnalytics } from "./analytics-bench";
import { loadPage } from "./load-bench";
import { peakRssMb, processTree, spawnChild, stopChild, waitUntil, type Child } from "./proc";
import { percentile } from "./stats";

const DIST_DIR = ".next-bench";
const PORT = Number(process.env.BENCH_PORT ?? 3600);
const BASE = `http://127.0.0.1:${PORT}`;
const NEXT_BIN = path.join(ROOT, "node_modules/next/dist/bin/next");
const EMAIL = "bench-pages@example.com";
const PASSWORD = "bench-pages-password";
/** The concurrency run: BENCH_LOAD_CLIENTS clients for BENCH_LOAD_SECONDS per page (BENCH_LOAD=0 skips it). */
const LOAD_CLIENTS = Number(process.env.BENCH_LOAD_CLIENTS ?? 20);
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 30);

export function scaledSizes(scale: number): SeedSizes {
  const s = Math.min(1, Math.max(0.001, scale));
  return {
    ...FULL_SIZES,
    contacts: Math.round(FULL_SIZES.contacts * s),
    enrollmentsPerSequence: Math.round(FULL_SIZES.enrollmentsPerSequence * s),
  };
}

/**
 * `next start` of the build in env.NEXT_DIST_DIR on `base`'s port, resolved once its sign-in page
 * answers (a server that exits first fails with its output). The caller stops it (stopChild).
 */
export async function startNext(env: NodeJS.ProcessEnv, base: string): Promise<Child> {
  const next = spawnChild(process.execPath, [NEXT_BIN, "start", "-p", new URL(base).port, "-H", "127.0.0.1"], {
    cwd: ROOT,
    env,
  });
  try {
    await waitUntil(
      async () => {
        if (next.child.exitCode !== null) throw new Error(`next start exited:\n${next.output()}`);
        return fetch(`${base}/signin`).then(
          (r) => r.ok,
          () => false,
        );
      },
      "next start",
      120_000,
      250,
    );
  } catch (error) {
    await stopChild(next);
    throw error;
  }
  return next;
}

/** `next build` rewrites tsconfig.json when distDir is not .next: put the file back afterwards. */
export async function buildApp(env: NodeJS.ProcessEnv, log: (s: string) => void): Promise<void> {
  const tsconfig = path.join(ROOT, "tsconfig.json");
  const original = readFileSync(tsconfig, "utf8");
  const started = Date.now();
  try {
    const build = spawnChild(process.execPath, [NEXT_BIN, "build"], { cwd: ROOT, env });
    const code = await build.exited;
    if (code !== 0) throw new Error(`next build failed (${code}):\n${build.output().slice(-5000)}`);
  } finally {
    if (readFileSync(tsconfig, "utf8") !== original) writeFileSync(tsconfig, original);
  }
  log(`pages: next build into ${DIST_DIR} took ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** One GET: time until the response headers arrive (TTFB) and until the body has ended. */
function get(
  pathname: string,
  cookie: string,
  base = BASE,
): Promise<{ status: number; ttfb: number; total: number; body: string; location?: string }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const req = http.request(
      `${base}${pathname}`,
      { agent, headers: { cookie, "accept-encoding": "identity", accept: "text/html" } },
      (res) => {
        const ttfb = performance.now() - start;
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            ttfb,
            total: performance.now() - start,
            body: Buffer.concat(chunks).toString("utf8"),
            location: res.headers.location,
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end();
  });
}

const cookiePairs = (headers: Headers) => headers.getSetCookie().map((c) => c.split(";")[0]!);

/** Signs the bench user in on the server at `base` (another server of the same build: scale-up's pairs). */
export async function signIn(base = BASE): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiePairs(csrf.headers);
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({
      csrfToken,
      email: EMAIL,
      password: PASSWORD,
      json: "true",
      callbackUrl: `${base}/`,
    }).toString(),
  });
  const all = [...jar, ...cookiePairs(res.headers)];
  if (!all.some((c) => c.includes("session-token=")))
    throw new Error(`sign-in failed: HTTP ${res.status} ${await res.text()}`);
  return all.join("; ");
}

export async function timePage(pathname: string, cookie: string, runs = 50, warmups = 5, base = BASE) {
  const ttfb: number[] = [];
  const total: number[] = [];
  let bytes = 0;
  for (let i = 0; i < warmups + runs; i++) {
    const r = await get(pathname, cookie, base);
    if (r.status !== 200) throw new Error(`GET ${pathname}: HTTP ${r.status}${r.location ? ` -> ${r.location}` : ""}`);
    bytes = r.body.length;
    if (i >= warmups) {
      ttfb.push(r.ttfb);
      total.push(r.total);
    }
  }
  return {
    ttfb_p95: percentile(ttfb, 95),
    ttfb_p50: percentile(ttfb, 50),
    total_p95: percentile(total, 95),
    total_p50: percentile(total, 50),
    kb: bytes / 1024,
    /** Every full-response time, for callers that pool several series (scale-up's paired rounds). */
    total,
  };
}

/**
 * Gzipped KB of the JavaScript a first load of `pathname` fetches: every /_next/static/**.js the
 * served HTML references (script tags, preload links, and the chunk lists in the inline RSC
 * payload), each fetched and gzipped with zlib (level 9). Next 16 no longer prints this table.
 */
async function firstLoadJsKb(pathname: string, cookie: string): Promise<{ kb: number; chunks: number; list: string }> {
  const { status, body } = await get(pathname, cookie);
  if (status !== 200) throw new Error(`GET ${pathname}: HTTP ${status}`);
  const html = body.replace(/\\"/g, '"').replace(/\\u002F/gi, "/");
  // The polyfills are a `noModule` script: browsers that run modules never fetch them. Next 16
  // gives that file a hashed name, so it is recognised by its tag, not its name.
  const noModule = new Set(
    [...html.matchAll(/<script\b[^>]*\bnomodule\b[^>]*>/gi)].flatMap((m) => {
      const src = /\bsrc="([^"]+)"/i.exec(m[0])?.[1];
      return src ? [src.replace(/\?.*$/, "")] : [];
    }),
  );
  const found = new Set<string>();
  for (const m of html.matchAll(/(?:\/_next\/)?static\/[A-Za-z0-9_\-./~%]+?\.js(?=[?"'\s\\,\]])/g)) {
    const p = m[0].startsWith("/_next/") ? m[0] : `/_next/${m[0]}`;
    if (!noModule.has(p) && !/polyfill/i.test(p)) found.add(p);
  }
  const sizes: { src: string; gz: number }[] = [];
  for (const src of found) {
    const res = await fetch(`${BASE}${src}`);
    if (!res.ok) throw new Error(`GET ${src}: HTTP ${res.status}`);
    sizes.push({ src, gz: gzipSync(Buffer.from(await res.arrayBuffer()), { level: 9 }).length });
  }
  const bytes = sizes.reduce((sum, c) => sum + c.gz, 0);
  const list = sizes
    .sort((a, b) => b.gz - a.gz)
    .map((c) => `${path.basename(c.src)} ${(c.gz / 1024).toFixed(1)}`)
    .join(", ");
  return { kb: bytes / 1024, chunks: found.size, list };
}

async function targets(url: string, sequenceId: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const hash = await bcrypt.hash(PASSWORD, 10);
    await client.query(
      "INSERT INTO users (email, name, role, password_hash) VALUES ($1, 'Bench pages', 'admin', $2) ON CONFLICT (email) DO UPDATE SET password_hash = $2",
      [EMAIL, hash],
    );
    // The detail page's worst case: a completed enrollment with the longest timeline.
    const detail = (
      await client.query<{ id: string }>(
        "SELECT id FROM enrollments WHERE sequence_id = $1 AND status = 'completed' ORDER BY current_step_index DESC LIMIT 1",
        [sequenceId],
      )
    ).rows[0];
    if (!detail) throw new Error("no completed enrollment in the seeded sequence");
    return { enrollmentId: detail.id };
  } finally {
    await client.end();
  }
}

export async function benchPages(
  url: string,
  options: { scale: number; build: boolean; log: (s: string) => void },
): Promise<Record<string, number>> {
  const { log } = options;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_DIST_DIR: DIST_DIR,
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: url,
    NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
    NEXTAUTH_URL: BASE,
  };
  const sizes = scaledSizes(options.scale);
  const haveBuild = existsSync(path.join(ROOT, DIST_DIR, "BUILD_ID"));
  const started = Date.now();
  // The build and the seed use different resources and neither is measured: run them together.
  const [summary] = await Promise.all([
    seedLarge(url, sizes, (s) => log(`seed ${((Date.now() - started) / 1000).toFixed(0)}s: ${s}`)),
    options.build || !haveBuild ? buildApp(env, log) : Promise.resolve(),
  ]);
  const sequenceId = summary.sequenceIds[0]!;
  const { enrollmentId } = await targets(url, sequenceId);

  const next = await startNext(env, BASE);
  try {
    const cookie = await signIn();
    const pages = {
      enrollments: `/enrollments?sequence=${sequenceId}&status=active`,
      enrollment_detail: `/enrollments/${enrollmentId}`,
      diff: `/sequences/${sequenceId}/diff?from=1&to=2`,
    };
    const results: Record<string, number> = {};
    for (const [name, pathname] of Object.entries(pages)) {
      const t = await timePage(pathname, cookie);
      results[`page_ttfb_p95_ms_${name}`] = t.ttfb_p95;
      results[`page_total_p95_ms_${name}`] = t.total_p95;
      log(
        `page ${name}: TTFB p95 ${t.ttfb_p95.toFixed(1)} ms (p50 ${t.ttfb_p50.toFixed(1)}), full response p95 ${t.total_p95.toFixed(1)} ms (p50 ${t.total_p50.toFixed(1)}), ${t.kb.toFixed(0)} KB HTML  ${pathname}`,
      );
    }
    Object.assign(results, await benchAnalytics({ url, sequenceId, cookie, log }));
    if (process.env.BENCH_LOAD !== "0") {
      const loaded = { ...pages, mailbox: "/messages" };
      // The machine's own load before the run: on a shared machine the rates scale with what is left.
      results.load_machine_loadavg_1m = os.loadavg()[0]!;
      log(
        `load: machine load average ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(" / ")} (${os.cpus().length} CPUs)`,
      );
      for (const [name, pathname] of Object.entries(loaded)) {
        const r = await loadPage(`${BASE}${pathname}`, cookie, {
          clients: LOAD_CLIENTS,
          durationMs: LOAD_SECONDS * 1000,
        });
        results[`load_rps_${name}`] = r.rps;
        results[`load_p95_ms_${name}`] = r.p95;
        results[`load_errors_${name}`] = r.errors;
        log(
          `load ${name}: ${LOAD_CLIENTS} clients x ${LOAD_SECONDS} s: ${r.rps.toFixed(1)} req/s, p95 ${r.p95.toFixed(0)} ms (p50 ${r.p50.toFixed(0)}), ${r.errors} errors of ${r.requests}  ${pathname}`,
        );
      }
    }
    for (const [name, pathname] of Object.entries({ editor: `/sequences/${sequenceId}`, diff: pages.diff })) {
      const js = await firstLoadJsKb(pathname, cookie);
      results[`first_load_js_kb_${name}`] = js.kb;
      log(`first load JS ${name}: ${js.kb.toFixed(1)} KB gzipped in ${js.chunks} chunks (KB each: ${js.list})`);
    }
    // Every other route from the build's manifests (same gzip count, no page fetch): the issue's
    // budget is "every route", so every route gets a key and the maximum is reported.
    for (const [name, r] of Object.entries(firstLoadJs(path.join(ROOT, DIST_DIR)))) {
      const key = `first_load_js_kb_${name === "sequences_id" ? "editor" : name === "sequences_id_diff" ? "diff" : name}`;
      results[key] ??= r.kb;
    }
    results.first_load_js_kb_max = Math.max(
      ...Object.entries(results)
        .filter(([key]) => key.startsWith("first_load_js_kb_") && key !== "first_load_js_kb_max")
        .map(([, kb]) => Number(kb)),
    );
    log(`first load JS, largest route: ${Number(results.first_load_js_kb_max).toFixed(1)} KB`);
    const tree = processTree(next.child.pid!);
    results.rss_peak_mb_next = Math.max(...tree.map((p) => peakRssMb(p.pid)));
    log(
      `next processes: ${tree.map((p) => `${p.pid} ${p.cmd.slice(0, 40)} ${peakRssMb(p.pid).toFixed(0)} MB`).join("; ")}`,
    );
    return { ...results, seed_enrollments: summary.enrollments, seed_events: summary.events };
  } finally {
    agent.destroy();
    await stopChild(next);
  }
}

/** For the scale-up bench (scale-up.ts): the same build folder, server address and targets. */
export { BASE as BENCH_BASE, DIST_DIR as BENCH_DIST_DIR, targets as benchTargets };
