// `npm run dev`: start or reuse the database, migrate and seed as the owner, start Next and one
// step-runner worker as the least-privilege runtime role (scripts/db/roles.ts).
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DEMO_USERS, seedDemo } from "../prisma/seed";
import { DATA_DIR, DatabaseInUseError, openDevDatabase } from "./db/database";
import { DEV_RUNTIME_LOGIN, ensureRuntimeLogin, migrateDatabase, runtimeRoleProblems } from "./db/roles";
import { ROOT } from "./db/schema-engine";

const PORT = Number(process.env.PORT ?? 3000);
const LOCK = path.join(DATA_DIR, "dev.pid");

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** One dev launcher per data folder: a second one would fight over PostgreSQL's data files. */
function takeLock(): void {
  mkdirSync(DATA_DIR, { recursive: true });
  if (existsSync(LOCK)) {
    const pid = Number(readFileSync(LOCK, "utf8"));
    if (pid && alive(pid)) {
      console.error(
        `\nSequencer is already running from this folder (pid ${pid}). Stop it (Ctrl+C in its terminal) before starting another.\n`,
      );
      process.exit(1);
    }
  }
  writeFileSync(LOCK, String(process.pid));
}

/** A random value generated once per data folder and kept there (mode 600). */
function keptSecret(name: string): string {
  const file = path.join(DATA_DIR, name);
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

/**
 * The URL Next and the worker use. Embedded: a login role in sequencer_runtime with a password
 * kept in .data/. External: DATABASE_URL as given; the operator made it a runtime role (README).
 */
async function runtimeUrl(ownerUrl: string, embedded: boolean): Promise<string> {
  if (embedded)
    return ensureRuntimeLogin(ownerUrl, { name: DEV_RUNTIME_LOGIN, password: keptSecret("db-runtime-password") });
  const url = process.env.DATABASE_URL ?? ownerUrl;
  if (url === ownerUrl)
    console.warn(
      "  Warning: the app connects as the role that migrates (only one of DATABASE_URL and MIGRATION_DATABASE_URL is set).",
    );
  const problems = await runtimeRoleProblems(url);
  if (problems.length) {
    console.warn(
      `  Warning: ${problems.join("; ")}. Published versions are then immutable only as long as the app's code leaves the trigger on.`,
    );
    console.warn(
      '  Give the app a runtime role (README, "Using an external PostgreSQL") and DATABASE_URL for it, with MIGRATION_DATABASE_URL for the owner.',
    );
  }
  return url;
}

takeLock();
const started = Date.now();
const children: ChildProcess[] = [];
let db: Awaited<ReturnType<typeof openDevDatabase>> | null = null;
let appUrl = "";

async function shutdown(code: number): Promise<never> {
  for (const child of children) child.kill("SIGTERM");
  await db?.stop().catch(() => {});
  rmSync(LOCK, { force: true });
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

try {
  db = await openDevDatabase();
  console.log(
    db.embedded ? `PostgreSQL (embedded) on ${new URL(db.url).port}, data in .data/pg` : "PostgreSQL from DATABASE_URL",
  );
  const applied = await migrateDatabase(db.url);
  if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);
  const { seeded } = await seedDemo(db.url, { withSequences: true });
  if (seeded) console.log("Seeded demo users, contacts and the Welcome series sequence (v1 and v2, with enrollments).");
  appUrl = await runtimeUrl(db.url, db.embedded);
} catch (error) {
  console.error(error instanceof DatabaseInUseError ? `\n${error.message}\n` : error);
  await shutdown(1);
}

const env = {
  ...process.env,
  DATABASE_URL: appUrl,
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? keptSecret("nextauth-secret"),
  NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${PORT}`,
  NEXT_TELEMETRY_DISABLED: "1",
};
const next = spawn(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "dev", "-p", String(PORT)], {
  env,
  stdio: ["ignore", "pipe", "inherit"],
  cwd: ROOT,
});
children.push(next);
let announced = false;
next.stdout?.on("data", (chunk: Buffer) => {
  process.stdout.write(chunk);
  if (!announced && /Ready in|✓ Ready/.test(chunk.toString())) {
    announced = true;
    console.log(`\n  Sequencer is ready at http://localhost:${PORT} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    console.log("  Demo sign-ins (development only):");
    for (const u of DEMO_USERS) console.log(`    ${u.role.padEnd(6)}  ${u.email}  /  ${u.password}`);
    console.log("");
  }
});
next.on("exit", (code) => void shutdown(code ?? 0));

// The step runner beside Next, same database and env (scripts/worker.ts); the tsx loader is
// imported into node directly so that SIGTERM on shutdown reaches the worker itself.
const worker = spawn(
  process.execPath,
  ["--conditions=react-server", "--import", "tsx", path.join(ROOT, "scripts/worker.ts")],
  { env, stdio: "inherit", cwd: ROOT },
);
children.push(worker);
worker.on("exit", (code, signal) => {
  if (code !== 0 && signal !== "SIGTERM" && signal !== "SIGINT")
    console.error(
      `\n  The step-runner worker stopped (${signal ?? `exit ${code}`}); restart \`npm run dev\` to run sequences again.\n`,
    );
});
