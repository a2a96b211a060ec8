// Diff-page load alone, on a persistent seeded database (issue 19's diff figures without a full
// `npm run bench`): `tsx scripts/bench/diff-load.ts seed` seeds once into .data/diff-load (port
// DIFF_LOAD_PG_PORT, default 46900) and keeps PostgreSQL running; `... load` starts `next start`
// from .next-bench against it and runs the 20-client load on the diff page and the enrollments
// page (the same-run baseline). BENCH_LOAD_SEQUENCES limits the seed's sequences (queries are per
// sequence, so fewer sequences only shorten the seed).
import path from "node:path";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";
import pg from "pg";
import { createDatabaseIfMissing, DATA_DIR, startEmbedded, urlFor } from "../db/database";
import { migrateDatabase } from "../db/roles";
import { ROOT } from "../db/schema-engine";
import { FULL_SIZES, seedLarge } from "../seed-large";
import { loadPage } from "./load-bench";
import { stopChild } from "./proc";

const PG_PORT = Number(process.env.DIFF_LOAD_PG_PORT ?? 46900);
const DIR = path.join(DATA_DIR, "diff-load");
const NAME = "sequencer_diff_load";
const url = urlFor(PG_PORT, NAME);
const STATE = path.join(DIR, "..", "diff-load.json");
const mode = process.argv[2];

if (mode === "seed") {
  await startEmbedded({ dir: DIR, port: PG_PORT, persistent: true });
  await createDatabaseIfMissing(urlFor(PG_PORT, "postgres"), NAME);
  await migrateDatabase(url);
  const sizes = { ...FULL_SIZES, sequences: Number(process.env.BENCH_LOAD_SEQUENCES ?? FULL_SIZES.sequences) };
  const started = Date.now();
  const summary = await seedLarge(url, sizes, (s) =>
    console.log(`seed ${((Date.now() - started) / 1000).toFixed(0)}s: ${s}`),
  );
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(
    "INSERT INTO users (email, name, role, password_hash) VALUES ($1, 'Bench pages', 'admin', $2) ON CONFLICT (email) DO UPDATE SET password_hash = $2",
    ["bench-pages@example.com", await bcrypt.hash("bench-pages-password", 10)],
  );
  await client.query("VACUUM ANALYZE");
  await client.end();
  writeFileSync(STATE, JSON.stringify({ url, sequenceId: summary.sequenceIds[0] }));
  console.log(`seeded ${summary.enrollments} enrollments; PostgreSQL stays up on ${PG_PORT} (pid in ${DIR})`);
  process.exit(0);
}

if (mode === "load") {
  const { sequenceId } = JSON.parse(readFileSync(STATE, "utf8")) as { sequenceId: string };
  const port = Number(process.env.BENCH_PORT ?? 3610);
  process.env.BENCH_PORT = String(port);
  const { signIn, startNext } = await import("./page-bench");
  const base = `http://127.0.0.1:${port}`;
  if (!existsSync(path.join(ROOT, ".next-bench", "BUILD_ID")))
    throw new Error("build first: NEXT_DIST_DIR=.next-bench npx next build");
  const next = await startNext(
    {
      ...process.env,
      NODE_ENV: "production",
      NEXT_DIST_DIR: ".next-bench",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: url,
      NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
      NEXTAUTH_URL: base,
    },
    base,
  );
  try {
    const cookie = await signIn();
    const pages: Record<string, string> = {
      enrollments: `/enrollments?sequence=${sequenceId}&status=active`,
      diff: `/sequences/${sequenceId}/diff?from=1&to=2`,
    };
    const html = await (await fetch(`${base}${pages.diff}`, { headers: { cookie } })).text();
    console.log(`diff HTML ${(html.length / 1024).toFixed(0)} KB`);
    const seconds = Number(process.env.BENCH_LOAD_SECONDS ?? 30);
    const out: Record<string, unknown> = { loadavg: os.loadavg() };
    for (const [name, pathname] of Object.entries(pages)) {
      console.log(
        `loadavg ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(" / ")}`,
      );
      const r = await loadPage(`${base}${pathname}`, cookie, { clients: 20, durationMs: seconds * 1000 });
      out[name] = r;
      console.log(
        `load ${name}: ${r.rps.toFixed(1)} req/s, p95 ${r.p95.toFixed(0)} ms (p50 ${r.p50.toFixed(0)}), ${r.errors} errors of ${r.requests}`,
      );
    }
    console.log(JSON.stringify(out));
  } finally {
    await stopChild(next);
  }
}
