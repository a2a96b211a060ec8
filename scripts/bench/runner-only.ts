// `npx tsx --conditions=react-server scripts/bench/runner-only.ts`: the runner throughput bench
// alone (scratch database, as `npm run bench` runs it: BENCH_RUNNER_COUNT, BENCH_RUNNER_ROUNDS),
// printed, nothing written to bench/results. For profiling the runner without the other benches.
import { randomBytes } from "node:crypto";
import { openScratchDatabase } from "../db/database";
import { DEV_RUNTIME_LOGIN, ensureRuntimeLogin, migrateDatabase } from "../db/roles";
import { benchRunner } from "./runner-bench";

const db = await openScratchDatabase("bench-runner");
try {
  await migrateDatabase(db.url);
  process.env.DATABASE_URL = await ensureRuntimeLogin(db.url, {
    name: `${DEV_RUNTIME_LOGIN}_runner_${process.pid}`,
    password: randomBytes(18).toString("hex"),
  });
  const { db: prisma } = await import("../../lib/server/db");
  const admin = await prisma().user.create({
    data: { email: "bench-runner@example.com", name: "Bench", role: "admin", passwordHash: "x" },
  });
  const result = await benchRunner(db.url, admin.id, {
    count: Number(process.env.BENCH_RUNNER_COUNT ?? 20_000),
    rounds: Number(process.env.BENCH_RUNNER_ROUNDS ?? 3),
    log: console.log,
  });
  console.log(JSON.stringify(result));
  await prisma().$disconnect();
} finally {
  await db.stop();
}
