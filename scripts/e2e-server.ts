// The server Playwright tests run against: a production build (`next build` ran before) on a
// scratch database that is migrated and seeded with the demo users by its owner, served (Next,
// worker, spec seeding) as the least-privilege runtime role, and thrown away afterwards.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { seedDemo } from "../prisma/seed";
import { openScratchDatabase } from "./db/database";
import { dropLoginRole, ensureRuntimeLogin, migrateDatabase } from "./db/roles";
import { ROOT } from "./db/schema-engine";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const db = await openScratchDatabase("e2e");
await migrateDatabase(db.url);
await seedDemo(db.url);
// A login role of this server's own: roles are cluster-wide and DATABASE_URL's server may be shared.
const login = `sequencer_e2e_${PORT}_${process.pid}`;
const appUrl = await ensureRuntimeLogin(db.url, { name: login, password: randomBytes(18).toString("hex") });
mkdirSync(path.join(ROOT, ".data"), { recursive: true });
// Specs seed through this URL (e2e/support/seed-*.ts); one file per port so parallel runs don't clash.
writeFileSync(path.join(ROOT, ".data", `e2e-db-url-${PORT}`), appUrl);
// The worker and the test-only /api/test/advance route share this clock (lib/engine/clock.ts).
const clockFile = path.join(ROOT, ".data", `e2e-clock-${PORT}`);
rmSync(clockFile, { force: true });

const env = {
  ...process.env,
  NODE_ENV: "production" as const,
  DATABASE_URL: appUrl,
  NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
  NEXTAUTH_URL: `http://127.0.0.1:${PORT}`,
  NEXT_TELEMETRY_DISABLED: "1",
  SEQUENCER_TEST_CONTROLS: "1",
  // Specs run their webhook receiver on 127.0.0.1, which production otherwise refuses (SSRF guard).
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES: "1",
  SEQUENCER_CLOCK_FILE: clockFile,
};
const next = spawn(
  process.execPath,
  [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(PORT), "-H", "127.0.0.1"],
  { env, stdio: "inherit", cwd: ROOT },
);
// One step-runner worker. Specs can move its clock through SEQUENCER_CLOCK_FILE (lib/engine/clock.ts).
const worker = spawn(
  process.execPath,
  ["--conditions=react-server", "--import", "tsx", path.join(ROOT, "scripts/worker.ts")],
  { env, stdio: "inherit", cwd: ROOT },
);

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  next.kill("SIGTERM");
  worker.kill("SIGTERM");
  await new Promise<void>((resolve) =>
    worker.exitCode !== null || worker.signalCode !== null ? resolve() : worker.once("exit", () => resolve()),
  );
  rmSync(pidFile, { force: true });
  await db.stop().catch(() => {});
  if (!db.embedded && process.env.DATABASE_URL) await dropLoginRole(process.env.DATABASE_URL, login).catch(() => {});
  process.exit(code);
}
// Outage control for e2e/database-down.spec.ts: SIGUSR1 shuts PostgreSQL down (data kept),
// SIGUSR2 starts it again; Next and the worker keep running. Only the embedded scratch cluster.
const pidFile = path.join(ROOT, ".data", `e2e-server-pid-${PORT}`);
if (db.outage) {
  const outage = db.outage;
  writeFileSync(pidFile, String(process.pid));
  process.on("SIGUSR1", () => void outage.pause().then(() => console.log("[e2e] PostgreSQL stopped")));
  process.on("SIGUSR2", () => void outage.resume().then(() => console.log("[e2e] PostgreSQL started")));
} else rmSync(pidFile, { force: true });
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
next.on("exit", (code) => void stop(code ?? 0));
