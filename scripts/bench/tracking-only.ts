// `npx tsx --conditions=react-server scripts/bench/tracking-only.ts [clients...]`: the tracking
// throughput bench alone (scratch database; the tracker process, then the app's routes on the
// existing .next-bench build), once per client count given (default 32), printed, nothing
// written to bench/results. BENCH_TRACKING_NEXT=0: the tracker only.
import { randomBytes } from "node:crypto";
import { openScratchDatabase } from "../db/database";
import { DEV_RUNTIME_LOGIN, ensureRuntimeLogin, migrateDatabase } from "../db/roles";
import { benchTracking } from "./tracking-bench";

const counts = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const db = await openScratchDatabase("bench-tracking");
try {
  await migrateDatabase(db.url);
  process.env.DATABASE_URL = await ensureRuntimeLogin(db.url, {
    name: `${DEV_RUNTIME_LOGIN}_track_${process.pid}`,
    password: randomBytes(18).toString("hex"),
  });
  const { db: prisma } = await import("../../lib/server/db");
  const admin = await prisma().user.create({
    data: { email: "bench-tracking@example.com", name: "Bench", role: "admin", passwordHash: "x" },
  });
  for (const clients of counts.length ? counts : [32]) {
    const r = await benchTracking(db.url, admin.id, { log: console.log, clients });
    console.log(JSON.stringify({ clients, ...r }));
  }
  await prisma().$disconnect();
} finally {
  await db.stop();
}
