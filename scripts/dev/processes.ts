// The dev launcher's children: each runs in a process group of its own (detached), so a
// terminal's Ctrl+C reaches only the launcher, which then stops them in order; each keeps the
// last lines of its output so that a death can be explained in one line.
import { spawn, type ChildProcess } from "node:child_process";

export type Exit = { code: number | null; signal: NodeJS.Signals | null };

export type Group = {
  name: string;
  child: ChildProcess;
  pid: number;
  /** Resolves once, when the group's leader has exited (created at spawn: it cannot be missed). */
  exited: Promise<Exit>;
  /** The last lines it printed (stdout and stderr). */
  tail: () => string[];
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Signals a whole process group; false when nothing was there to receive it. */
export function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

export function spawnGroup(
  name: string,
  command: string,
  args: string[],
  options: {
    cwd: string;
    env: NodeJS.ProcessEnv;
    uid?: number;
    gid?: number;
    /** Called with every chunk of output (to echo it or watch for a line). */
    onOutput?: (text: string, stream: "stdout" | "stderr") => void;
  },
): Group {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    uid: options.uid,
    gid: options.gid,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const take = (stream: "stdout" | "stderr") => (chunk: Buffer) => {
    const text = chunk.toString();
    for (const line of text.split("\n")) if (line.trim()) lines.push(line.trimEnd());
    if (lines.length > 40) lines.splice(0, lines.length - 40);
    options.onOutput?.(text, stream);
  };
  child.stdout?.on("data", take("stdout"));
  child.stderr?.on("data", take("stderr"));
  const exited = new Promise<Exit>((resolve) => {
    child.on("exit", (code, signal) => resolve({ code, signal }));
    // A spawn failure (missing binary) emits only "error".
    child.on("error", () => resolve({ code: -1, signal: null }));
  });
  return { name, child, pid: child.pid ?? -1, exited, tail: () => [...lines] };
}

/** "exit code 1", "killed by SIGKILL". */
export function describeExit(exit: Exit): string {
  return exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
}

/**
 * Stops a group: `signal` to the whole group, then waits for the leader's exit, bounded by
 * `graceMs` (the exit event, and the pid itself in case the event went elsewhere); whatever is
 * left of the group after that gets SIGKILL. Resolves with how it went.
 */
export async function stopGroup(
  group: Group,
  signal: NodeJS.Signals,
  graceMs: number,
  options: { leaderOnly?: boolean } = {},
): Promise<"stopped" | "killed"> {
  if (group.pid <= 0) return "stopped";
  const sent = options.leaderOnly ? trySignal(group.pid, signal) : signalGroup(group.pid, signal);
  let outcome: "stopped" | "killed" = "stopped";
  if (sent) {
    const deadline = Date.now() + graceMs;
    let done = false;
    void group.exited.then(() => (done = true));
    while (!done && pidAlive(group.pid) && Date.now() < deadline) await sleep(25);
    if (!done && pidAlive(group.pid)) outcome = "killed";
  }
  // Leftovers (Next's server process, PostgreSQL backends of a killed postmaster).
  signalGroup(group.pid, "SIGKILL");
  return outcome;
}

function trySignal(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Restarts allowed per name within a sliding minute. */
export class RestartBudget {
  private readonly times = new Map<string, number[]>();
  constructor(
    readonly limit: number,
    readonly windowMs = 60_000,
  ) {}

  /** Records a restart; false when the limit is already used up. */
  take(name: string, now = Date.now()): boolean {
    const recent = (this.times.get(name) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.limit) return false;
    recent.push(now);
    this.times.set(name, recent);
    return true;
  }

  used(name: string, now = Date.now()): number {
    return (this.times.get(name) ?? []).filter((t) => now - t < this.windowMs).length;
  }
}
