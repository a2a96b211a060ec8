// `npm run bench`: measures on a fresh database (a temporary embedded PostgreSQL, or a new
// database on DATABASE_URL's server), prints a table and writes bench/results/latest.json.
// Rates are reported next to a baseline measured in the same run, because the machine is shared.
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { openScratchDatabase, writeJson } from "../db/database";
import { DEV_RUNTIME_LOGIN, dropLoginRole, ensureRuntimeLogin, migrateDatabase } from "../db/roles";
import { ROOT } from "../db/schema-engine";
import { benchApi } from "./api-bench";
import { benchDiff } from "./diff-bench";
import { benchEnroll } from "./enroll-bench";
import { benchPublish } from "./publish-bench";
import { round } from "./stats";
import { extraBenches } from "./extra-benches";

const ENROLL_COUNT = Number(process.env.BENCH_ENROLL_COUNT ?? 100_000);

// `npm run bench -- --scale 10m`: the scale-up proof instead of the usual figures (scale-up.ts).
const scaleAt = process.argv.indexOf("--scale");
if (scaleAt >= 0) {
  const { parseScale, scaleUp } = await import("./scale-up");
  await scaleUp(parseScale(process.argv[scaleAt + 1] ?? ""));
  process.exit(0);
}

const db = await openScratchDatabase("bench");
const adminUrl = process.env.DATABASE_URL;
const benchLogin = `${DEV_RUNTIME_LOGIN}_bench_${process.pid}`;
const results: Record<string, number> = {};
try {
  await migrateDatabase(db.url);
  // The app's code (services through Prisma) runs as the runtime role, as in production; the
  // benches given db.url (raw SQL baselines, VACUUM, spawned workers) keep the owner.
  process.env.DATABASE_URL = await ensureRuntimeLogin(db.url, {
    name: benchLogin,
    password: randomBytes(18).toString("hex"),
  });
  const { db: prisma } = await import("../../lib/server/db");
  const admin = await prisma().user.create({
    data: { email: "bench@example.com", name: "Bench", role: "admin", passwordHash: "x" },
  });

  Object.assign(results, benchDiff());
  console.log(`diff done: ${round(results.diff_1000_ms!)} ms`);
  Object.assign(results, await benchPublish(admin.id));
  console.log(`publish done: p95 ${round(results.publish_p95_ms!)} ms`);
  Object.assign(results, await benchEnroll(db.url, admin.id, ENROLL_COUNT));
  console.log(`enroll done: ${round(results.enroll_per_s!, 0)}/s (raw ${round(results.enroll_raw_per_s!, 0)}/s)`);
  Object.assign(results, await benchApi({ url: db.url, actorId: admin.id }));
  // Also against the single 100k-contact enroll call above (no upsert, one transaction): a harsher baseline.
  results.api_enroll_vs_bulk = results.api_enroll_per_s! / results.enroll_per_s!;
  console.log(
    `api enroll done: ${round(results.api_enroll_per_s!, 0)}/s (${round(results.api_enroll_vs_service!, 2)}x service)`,
  );
  Object.assign(results, await extraBenches({ url: db.url, actorId: admin.id }));
  await prisma().$disconnect();
} finally {
  await db.stop();
  // Roles are cluster-wide: a shared server keeps them (an embedded cluster is gone).
  if (!db.embedded && adminUrl) await dropLoginRole(adminUrl, benchLogin).catch(() => {});
}

const rounded = Object.fromEntries(
  Object.entries(results).map(([k, v]) => [
    k,
    round(v, k.endsWith("_ms") || k.startsWith("enroll_vs") || k.includes("_vs_") ? 3 : 1),
  ]),
);
const output = {
  measured_at: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    cpu_model: os.cpus()[0]?.model ?? "unknown",
    memory_gb: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
  },
  results: rounded,
};
writeJson(path.join(ROOT, "bench/results/latest.json"), output);
console.table(rounded);
console.log("Wrote bench/results/latest.json");
