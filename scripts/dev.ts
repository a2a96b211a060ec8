// `npm run dev`: start or reuse the database, migrate and seed as the owner, start Next and one
// step-runner worker as the least-privilege runtime role (scripts/db/roles.ts), and supervise
// them. Each child runs in a process group of its own, so a terminal's Ctrl+C reaches only this
// launcher, which stops Next and the worker first (they finish or release their work), then
// PostgreSQL, removes its lock file and exits, within 5 s. A child that dies on its own is named
// with the reason in one line and restarted (PostgreSQL first), at most 3 times a minute each;
// past that the launcher stops everything and exits 1 with that line.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DEMO_USERS, seedDemo } from "../prisma/seed";
import {
  DATA_DIR,
  DEV_PG_DIR,
  DEV_PG_PORT,
  DatabaseInUseError,
  createDatabaseIfMissing,
  prepareEmbedded,
  releaseSignalHooks,
  urlFor,
} from "./db/database";
import { DEV_RUNTIME_LOGIN, ensureRuntimeLogin, migrateDatabase, runtimeRoleProblems } from "./db/roles";
import { ROOT } from "./db/schema-engine";
import { startPostmaster, stopPostmaster } from "./dev/postgres";
import { RestartBudget, describeExit, pidAlive, signalGroup, spawnGroup, stopGroup, type Group } from "./dev/processes";

const PORT = Number(process.env.PORT ?? 3000);
/** Where Next listens: loopback only unless HOST says otherwise (HOST=0.0.0.0 for the LAN). */
const HOST = process.env.HOST || "127.0.0.1";
const LOCK = path.join(DATA_DIR, "dev.pid");
const RESTARTS_PER_MINUTE = 3;
/** Shutdown budget: the worker gets WORKER_GRACE_MS, Next NEXT_GRACE_MS meanwhile, PostgreSQL what remains of 5 s. */
const WORKER_GRACE_MS = 3500;
const NEXT_GRACE_MS = 2000;
const SHUTDOWN_BUDGET_MS = 5000;
const PG_GRACE_MS = 3000;

releaseSignalHooks();

type Name = "Next" | "worker" | "PostgreSQL";
const groups = new Map<Name, Group>();

/**
 * The lock: first line the launcher's pid (a second launcher on the same folder is refused),
 * then one line per child group ("Next 1234"), so that a launcher killed with SIGKILL leaves
 * nothing running after the next start.
 */
function writeLock(): void {
  const lines = [String(process.pid), ...[...groups].map(([name, g]) => `${name} ${g.pid}`)];
  writeFileSync(LOCK, `${lines.join("\n")}\n`);
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
  } catch {
    return "";
  }
}

async function takeLock(): Promise<void> {
  mkdirSync(DATA_DIR, { recursive: true });
  if (existsSync(LOCK)) {
    const [first, ...rest] = readFileSync(LOCK, "utf8").trim().split("\n");
    const pid = Number(first);
    if (pid && pid !== process.pid && pidAlive(pid) && /node|tsx/.test(cmdline(pid) || "node")) {
      console.error(
        `\nSequencer is already running from this folder (pid ${pid}). Stop it (Ctrl+C in its terminal) before starting another.\n`,
      );
      process.exit(1);
    }
    // A launcher that was killed outright: stop what it left running (same command, same group).
    for (const line of rest) {
      const [name, id] = line.split(" ");
      const leftover = Number(id);
      if (!leftover || !pidAlive(leftover)) continue;
      const cmd = cmdline(leftover);
      if (!/postgres|next|worker/.test(cmd)) continue;
      console.log(`  Stopping ${name} (pid ${leftover}) left running by a launcher that was killed.`);
      signalGroup(leftover, name === "PostgreSQL" ? "SIGINT" : "SIGTERM");
      const deadline = Date.now() + 5000;
      while (pidAlive(leftover) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      signalGroup(leftover, "SIGKILL");
    }
  }
  writeLock();
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

await takeLock();
const started = Date.now();
const budget = new RestartBudget(RESTARTS_PER_MINUTE);
let stopping: Promise<never> | null = null;
const embedded = !(process.env.MIGRATION_DATABASE_URL ?? process.env.DATABASE_URL);
/** Resolved while PostgreSQL is up; replaced while it restarts, so that the others wait for it. */
let pgUp: Promise<void> = Promise.resolve();

async function shutdown(code: number): Promise<never> {
  const t0 = Date.now();
  const took: string[] = [];
  const stopChild = async (name: "Next" | "worker", graceMs: number) => {
    const group = groups.get(name);
    if (!group) return;
    const outcome = await stopGroup(group, "SIGTERM", graceMs);
    took.push(`${name} ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    if (outcome === "killed")
      console.error(
        `  The ${name === "Next" ? "Next server" : "worker"} did not stop within ${graceMs / 1000} s; it was killed.`,
      );
  };
  // The worker finishes or releases what it holds, which needs the database: PostgreSQL stops
  // after it. Next holds no work; it stops meanwhile.
  const next = stopChild("Next", NEXT_GRACE_MS);
  await stopChild("worker", WORKER_GRACE_MS);
  const pg = groups.get("PostgreSQL");
  // PostgreSQL gets what remains of the budget (a fast shutdown writes a checkpoint first).
  const pgStop = pg
    ? stopPostmaster(pg, Math.max(700, SHUTDOWN_BUDGET_MS - 500 - (Date.now() - t0))).then(() =>
        took.push(`PostgreSQL ${((Date.now() - t0) / 1000).toFixed(1)} s`),
      )
    : Promise.resolve();
  await Promise.all([next, pgStop]);
  rmSync(LOCK, { force: true });
  if (code === 0) console.log(`  Stopped in ${((Date.now() - t0) / 1000).toFixed(1)} s (${took.join(", ")}).`);
  process.exit(code);
}

function stop(code: number): Promise<never> {
  stopping ??= shutdown(code);
  return stopping;
}

let interrupts = 0;
function onSignal(signal: NodeJS.Signals) {
  interrupts += 1;
  if (interrupts === 1) {
    console.log(`\n  ${signal}: stopping Next and the worker, then PostgreSQL…`);
    void stop(0);
    return;
  }
  // A second Ctrl+C: do not wait for anything.
  for (const group of groups.values()) signalGroup(group.pid, "SIGKILL");
  rmSync(LOCK, { force: true });
  process.exit(130);
}
process.on("SIGINT", onSignal);
process.on("SIGTERM", onSignal);
process.on("SIGHUP", onSignal);
// A bug in the launcher itself must not leave its children running without a supervisor.
process.on("uncaughtException", (error) => {
  console.error("  [dev] The launcher failed:", error);
  void stop(1);
});

const LABEL: Record<Name, string> = {
  Next: "The Next server",
  worker: "The step-runner worker",
  PostgreSQL: "PostgreSQL",
};

/**
 * A child died without being asked to: one line saying which and why (with the last lines it
 * printed when it exited with an error), then a restart, or the exit when the budget is used up.
 */
async function died(name: Name, group: Group, exit: { code: number | null; signal: NodeJS.Signals | null }) {
  if (stopping || groups.get(name) !== group) return;
  groups.delete(name);
  signalGroup(group.pid, "SIGKILL"); // whatever is left of it (Next's server process, old backends)
  const why = describeExit(exit);
  const canRestart = budget.take(name);
  const tail = exit.signal ? [] : group.tail().slice(-5);
  const action = canRestart
    ? `restarting it (${budget.used(name)} of ${RESTARTS_PER_MINUTE} restarts allowed per minute)`
    : `it died ${RESTARTS_PER_MINUTE + 1} times within a minute, giving up`;
  console.error(`\n  [dev] ${LABEL[name]} (pid ${group.pid}) died: ${why}; ${action}.`);
  for (const line of tail) console.error(`  [dev]   | ${line}`);
  if (!canRestart) {
    await stop(1);
    return;
  }
  try {
    if (name === "PostgreSQL") {
      let up: () => void = () => {};
      pgUp = new Promise((r) => (up = r));
      await startDatabase();
      up();
      console.log("  [dev] PostgreSQL is back; Next and the worker reconnect by themselves.");
    } else {
      await pgUp;
      if (!stopping) (name === "Next" ? startNext : startWorker)();
    }
  } catch (error) {
    console.error(`  [dev] ${LABEL[name]} could not be restarted: ${error instanceof Error ? error.message : error}`);
    await stop(1);
  }
}

function watch(name: Name, group: Group) {
  groups.set(name, group);
  writeLock();
  void group.exited.then((exit) => died(name, group, exit));
}

async function startDatabase(): Promise<void> {
  const group = await startPostmaster({ dir: DEV_PG_DIR, port: DEV_PG_PORT, cwd: ROOT });
  if (stopping) {
    await stopPostmaster(group, PG_GRACE_MS);
    return;
  }
  watch("PostgreSQL", group);
}

let ownerUrl = "";
let appUrl = "";
try {
  if (embedded) {
    await prepareEmbedded({ dir: DEV_PG_DIR, port: DEV_PG_PORT, persistent: true });
    await startDatabase();
    await createDatabaseIfMissing(urlFor(DEV_PG_PORT, "postgres"), "sequencer");
    ownerUrl = urlFor(DEV_PG_PORT, "sequencer");
    console.log(
      `PostgreSQL (embedded) on ${DEV_PG_PORT}, data in ${DEV_PG_DIR.startsWith(ROOT) ? path.relative(ROOT, DEV_PG_DIR) : DEV_PG_DIR}`,
    );
  } else {
    ownerUrl = (process.env.MIGRATION_DATABASE_URL ?? process.env.DATABASE_URL)!;
    console.log("PostgreSQL from DATABASE_URL");
  }
  const applied = await migrateDatabase(ownerUrl);
  if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);
  const { seeded } = await seedDemo(ownerUrl, { withSequences: true });
  if (seeded) console.log("Seeded demo users, contacts and the Welcome series sequence (v1 and v2, with enrollments).");
  appUrl = await runtimeUrl(ownerUrl, embedded);
} catch (error) {
  console.error(error instanceof DatabaseInUseError ? `\n${error.message}\n` : error);
  await stop(1);
}

const env = {
  ...process.env,
  DATABASE_URL: appUrl,
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? keptSecret("nextauth-secret"),
  NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${PORT}`,
  NEXT_TELEMETRY_DISABLED: "1",
};
const shownHost = HOST === "127.0.0.1" || HOST === "::1" || HOST === "localhost" ? "localhost" : HOST;

let announced = false;
function startNext() {
  let ready = false;
  const group = spawnGroup(
    "Next",
    process.execPath,
    [path.join(ROOT, "node_modules/next/dist/bin/next"), "dev", "-p", String(PORT), "-H", HOST],
    {
      cwd: ROOT,
      env,
      onOutput: (text, stream) => {
        (stream === "stdout" ? process.stdout : process.stderr).write(text);
        if (ready || !/Ready in|✓ Ready/.test(text)) return;
        ready = true;
        if (announced) {
          console.log(`  [dev] The Next server is back (pid ${group.pid}).`);
          return;
        }
        announced = true;
        console.log(
          `\n  Sequencer is ready at http://${shownHost}:${PORT} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
        );
        console.log("  Demo sign-ins (development only):");
        for (const u of DEMO_USERS) console.log(`    ${u.role.padEnd(6)}  ${u.email}  /  ${u.password}`);
        console.log(`  Processes: Next ${group.pid}, worker ${groups.get("worker")?.pid ?? "-"}${pgPidNote()}`);
        console.log("");
      },
    },
  );
  watch("Next", group);
}

function pgPidNote(): string {
  const pg = groups.get("PostgreSQL");
  return pg ? `, PostgreSQL ${pg.pid}` : "";
}

// The step runner beside Next, same database and env (scripts/worker.ts); the tsx loader is
// imported into node directly so that SIGTERM on shutdown reaches the worker itself.
function startWorker() {
  const group = spawnGroup(
    "worker",
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", path.join(ROOT, "scripts/worker.ts")],
    {
      cwd: ROOT,
      // The worker's own shutdown bound fits inside the launcher's grace, so it exits cleanly
      // (claims committed or released) instead of being killed.
      env: { WORKER_SHUTDOWN_MS: String(WORKER_GRACE_MS - 500), ...env },
      onOutput: (text, stream) => (stream === "stdout" ? process.stdout : process.stderr).write(text),
    },
  );
  watch("worker", group);
}

if (!stopping) {
  startNext();
  startWorker();
}
