// `npm run dev` started twice on one data folder: the second refuses with a clear message and the
// first keeps running. The launcher always starts its own embedded PostgreSQL (DATABASE_URL is
// removed), so this file, like launcher.test.ts, runs only in `npm test`, not again in the
// PostgreSQL 15 stage of .ci/run.
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { freePort } from "../scripts/db/database";

const ROOT = path.resolve(import.meta.dirname, "..");
/** Same as `npm run dev`. */
const DEV_ARGS = ["--conditions=react-server", "--import", "tsx", "scripts/dev.ts"];

function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(
      () => reject(new Error(`timed out waiting for ${pattern}; output so far:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (pattern.test(output)) {
        clearTimeout(timer);
        resolve(output);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
  });
}

describe("the dev launcher started twice on the same data folder", () => {
  it("refuses the second one with a clear message and leaves the first one running", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "sequencer-dev-"));
    chmodSync(dataDir, 0o755); // PostgreSQL runs as its own user and must reach the folder
    // Without DATABASE_URL the launcher starts its own embedded PostgreSQL in the data folder.
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      SEQUENCER_DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(await freePort()),
      PORT: String(await freePort()),
    };
    delete env.DATABASE_URL;
    const first = spawn(process.execPath, DEV_ARGS, {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    try {
      await waitForOutput(first, /Sequencer is ready/, 90_000);
      const second = spawn(process.execPath, DEV_ARGS, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
      const message = waitForOutput(second, /already running/, 30_000);
      const code = await new Promise<number | null>((resolve) => second.on("exit", resolve));
      expect(await message).toMatch(/already running from this folder \(pid \d+\)/);
      expect(code).toBe(1);
      expect(first.exitCode).toBeNull();
    } finally {
      try {
        if (first.pid) process.kill(-first.pid, "SIGTERM");
      } catch {
        // already gone
      }
      await new Promise((r) => setTimeout(r, 1500));
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 150_000);
});
