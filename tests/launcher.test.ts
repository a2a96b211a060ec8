// `npm run dev` as an operator meets it: the launcher spawned in a process group of its own (as
// a terminal runs it), on a throw-away data folder and free ports, with a slow SMTP sink so that
// delivery is still draining when it is interrupted. (a) Ctrl+C (SIGINT to the group) mid-drain:
// out within 5 s, no lock file, and after a restart every message is sent, none twice. (b) its
// Next server killed: one line naming it, and the page answers again. (c) its PostgreSQL killed:
// one line naming it, and a page that needs the database answers again.
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, urlFor } from "../scripts/db/database";
import { createContacts, createSequenceWithVersion, enroll } from "./support/runner-fixtures";
import { waitFor } from "./support/runner-process";

const ROOT = path.resolve(import.meta.dirname, "..");
const N = 1200;
const SMTP_DELAY_MS = 15;
/** This test's contacts (the demo seed's Welcome series sends to its own contacts meanwhile). */
const PREFIX = "launcher";

type Launcher = { child: ChildProcess; output: () => string; exited: Promise<{ code: number | null; at: number }> };

let dataDir = "";
let webPort = 0;
let pgPort = 0;
let launcher: Launcher | null = null;
let smtp: SMTPServer | null = null;
let smtpUrl = "";
const received = new Map<string, number>();

function startLauncher(): Launcher {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ["DATABASE_URL", "OWNER_DATABASE_URL", "MIGRATION_DATABASE_URL", "NEXTAUTH_URL", "HOST"])
    delete env[key];
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/dev.ts"], {
    cwd: ROOT,
    env: {
      ...env,
      NODE_ENV: "development",
      SEQUENCER_DATA_DIR: dataDir,
      PORT: String(webPort),
      EMBEDDED_PG_PORT: String(pgPort),
      SMTP_URL: smtpUrl,
      WORKER_BATCH_SIZE: "50",
      WORKER_POLL_MS: "100",
    },
    // A process group of its own, like a shell job: SIGINT to the group is a terminal's Ctrl+C.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (output += c.toString()));
  const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
    child.on("exit", (code) => resolve({ code, at: Date.now() })),
  );
  return { child, output: () => output, exited };
}

const lockFile = () => path.join(dataDir, "dev.pid");

/** The pids the launcher records in its lock file, by name ("Next", "worker", "PostgreSQL"). */
function recordedPids(): Record<string, number> {
  const out: Record<string, number> = {};
  if (!existsSync(lockFile())) return out;
  for (const line of readFileSync(lockFile(), "utf8").trim().split("\n").slice(1)) {
    const [name, pid] = line.split(" ");
    out[name!] = Number(pid);
  }
  return out;
}

async function waitForOutput(l: Launcher, pattern: RegExp, timeoutMs: number, from = 0): Promise<string> {
  const text = await waitFor(
    async () => l.output().slice(from),
    (out) => pattern.test(out),
    { timeoutMs, intervalMs: 100, what: `${pattern} in the launcher's output:\n${l.output().slice(-3000)}` },
  );
  return text.match(pattern)![0];
}

const get = (pathname: string, cookie = "") =>
  fetch(`http://127.0.0.1:${webPort}${pathname}`, { redirect: "manual", headers: { cookie } }).then(
    (r) => r.status,
    () => 0,
  );

const cookiePairs = (headers: Headers) => headers.getSetCookie().map((c) => c.split(";")[0]!);

async function signIn(): Promise<string> {
  const base = `http://127.0.0.1:${webPort}`;
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiePairs(csrf.headers);
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email: "admin@example.com", password: "admin-password", json: "true" }),
  });
  const all = [...jar, ...cookiePairs(res.headers)];
  if (!all.some((c) => c.includes("session-token="))) throw new Error(`sign-in failed: HTTP ${res.status}`);
  return all.join("; ");
}

async function interrupt(l: Launcher): Promise<{ code: number | null; ms: number }> {
  const sent = Date.now();
  process.kill(-l.child.pid!, "SIGINT");
  const { code, at } = await l.exited;
  return { code, ms: at - sent };
}

beforeAll(async () => {
  dataDir = path.join(os.tmpdir(), `sequencer-launcher-${process.pid}-${Date.now().toString(36)}`);
  mkdirSync(dataDir, { recursive: true });
  chmodSync(dataDir, 0o755); // PostgreSQL runs as its own user when the tests run as root
  webPort = await freePort();
  pgPort = await freePort();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      stream.on("data", () => {});
      stream.on("end", () =>
        setTimeout(() => {
          for (const r of session.envelope.rcptTo) {
            const to = r.address.toLowerCase();
            received.set(to, (received.get(to) ?? 0) + 1);
          }
          callback();
        }, SMTP_DELAY_MS),
      );
    },
  });
  await new Promise<void>((resolve) => smtp!.listen(0, "127.0.0.1", resolve));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as { port: number }).port}`;
}, 30_000);

afterAll(async () => {
  if (launcher && launcher.child.exitCode === null) {
    const pids = recordedPids();
    try {
      process.kill(-launcher.child.pid!, "SIGINT");
    } catch {}
    await Promise.race([launcher.exited, new Promise((r) => setTimeout(r, 8000))]);
    for (const pid of Object.values(pids))
      try {
        process.kill(-pid, "SIGKILL");
      } catch {}
  }
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

describe("the dev launcher", () => {
  it("Ctrl+C mid-drain exits within 5 s with no lock file; after a restart every message is sent once", async () => {
    launcher = startLauncher();
    await waitForOutput(launcher, /Sequencer is ready at http:\/\/localhost:\d+/, 120_000);
    expect(launcher.output()).not.toMatch(/Network:\s+http:\/\/0\.0\.0\.0/);

    // Test data through the real services, on the launcher's database (as its owner).
    process.env.DATABASE_URL = urlFor(pgPort, "sequencer");
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
    pool.on("error", () => {});
    try {
      const contacts = await createContacts(pool, N, PREFIX);
      const { sequenceId, versionId } = await createSequenceWithVersion(pool, [
        { key: "e1", type: "email", subject: "Hi {{first_name}}", body: "Hello" },
      ]);
      await enroll(pool, { sequenceId, versionId, contactIds: contacts, at: new Date() });
      const counts = async () => {
        const { rows } = await pool.query<{ sent: string; total: string }>(
          `SELECT count(*) FILTER (WHERE m.status = 'sent') AS sent, count(*) AS total
           FROM messages m JOIN enrollments e ON e.id = m.enrollment_id WHERE e.sequence_id = $1`,
          [sequenceId],
        );
        return { sent: Number(rows[0]!.sent), total: Number(rows[0]!.total) };
      };
      await waitFor(counts, (c) => c.sent >= 100, { timeoutMs: 60_000, intervalMs: 20, what: "delivery under way" });
      const before = await counts();
      await pool.end();

      const stopped = await interrupt(launcher);
      const firstOutput = launcher.output();
      expect(before.sent, "the interrupt must come mid-drain").toBeLessThan(N);
      expect(stopped.ms, launcher.output().slice(-2000)).toBeLessThan(5000);
      expect(stopped.code).toBe(0);
      expect(existsSync(lockFile())).toBe(false);
      expect(existsSync(path.join(dataDir, "pg", "postmaster.pid")), launcher.output().slice(-3000)).toBe(false);

      launcher = startLauncher();
      await waitForOutput(launcher, /Sequencer is ready at/, 120_000);
      const again = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
      again.on("error", () => {});
      try {
        const done = await waitFor(
          async () => {
            const { rows } = await again.query<{ queued: string; sent: string }>(
              `SELECT count(*) FILTER (WHERE m.status = 'queued') AS queued, count(*) FILTER (WHERE m.status = 'sent') AS sent
               FROM messages m JOIN enrollments e ON e.id = m.enrollment_id WHERE e.sequence_id = $1`,
              [sequenceId],
            );
            return { queued: Number(rows[0]!.queued), sent: Number(rows[0]!.sent) };
          },
          (c) => c.queued === 0 && c.sent === N,
          { timeoutMs: 60_000, intervalMs: 100, what: "every message sent after the restart" },
        );
        expect(done).toEqual({ queued: 0, sent: N });
      } finally {
        await again.end();
      }
      const ours = [...received].filter(([to]) => to.startsWith(`${PREFIX}-`));
      const twice = ours.filter(([, n]) => n > 1).length;
      expect(twice, `messages sent twice; first launcher:\n${firstOutput.slice(-4000)}`).toBe(0);
      expect(ours.length).toBe(N);
    } finally {
      if (!pool.ended) await pool.end();
    }
  }, 240_000);

  it("its Next server killed: one line naming it, and the page answers again", async () => {
    if (!launcher || launcher.child.exitCode !== null) {
      launcher = startLauncher();
      await waitForOutput(launcher, /Sequencer is ready at/, 120_000);
    }
    const l = launcher;
    await waitFor(
      () => get("/signin"),
      (s) => s === 200,
      { timeoutMs: 90_000, intervalMs: 250, what: "/signin" },
    );
    const nextPid = recordedPids().Next!;
    expect(nextPid).toBeGreaterThan(0);
    const from = l.output().length;
    process.kill(nextPid, "SIGKILL");
    const line = await waitForOutput(l, /\[dev\] The Next server \(pid \d+\) died: [^\n]+/, 10_000, from);
    expect(line).toContain(`pid ${nextPid}) died: killed by SIGKILL; restarting it`);
    await waitFor(
      () => get("/signin"),
      (s) => s === 200,
      {
        timeoutMs: 90_000,
        intervalMs: 250,
        what: "/signin after Next was restarted",
      },
    );
    expect(l.child.exitCode).toBeNull();
  }, 200_000);

  it("its PostgreSQL killed: one line naming it, and a page that needs the database answers again", async () => {
    const l = launcher!;
    const cookie = await signIn();
    await waitFor(
      () => get("/sequences", cookie),
      (s) => s === 200,
      {
        timeoutMs: 90_000,
        intervalMs: 250,
        what: "/sequences",
      },
    );
    const pgPid = recordedPids().PostgreSQL!;
    const from = l.output().length;
    process.kill(pgPid, "SIGKILL");
    const line = await waitForOutput(l, /\[dev\] PostgreSQL \(pid \d+\) died: [^\n]+/, 10_000, from);
    expect(line).toContain(`pid ${pgPid}) died: killed by SIGKILL; restarting it`);
    await waitForOutput(l, /\[dev\] PostgreSQL is back/, 30_000, from);
    await waitFor(
      () => get("/sequences", cookie),
      (s) => s === 200,
      {
        timeoutMs: 30_000,
        intervalMs: 250,
        what: "/sequences after PostgreSQL was restarted",
      },
    );
    expect(recordedPids().PostgreSQL).not.toBe(pgPid);

    const stopped = await interrupt(l);
    expect(stopped.ms).toBeLessThan(5000);
    expect(existsSync(lockFile())).toBe(false);
  }, 200_000);
});
