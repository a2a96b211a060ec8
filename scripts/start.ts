// `npm start`: the production app server. Checks the settings (lib/config/settings.ts) and refuses
// to start without them, then runs Next's standalone server (`npm run build` makes it) with the
// static files next to it. Env: PORT (default 3000), SEQUENCER_HOST (the address to listen on,
// default 0.0.0.0; HOSTNAME is not used because shells set it to the machine's name).
import { spawn } from "node:child_process";
import { cpSync, existsSync } from "node:fs";
import path from "node:path";
import { requireSettings } from "../lib/config/settings";
import { logger } from "../lib/observability/logger";

(process.env as Record<string, string>).NODE_ENV = "production";
process.env.SEQUENCER_PROCESS ??= "launcher";
requireSettings("app");
const log = logger();

const ROOT = path.resolve(import.meta.dirname, "..");
const distDir = process.env.NEXT_DIST_DIR ?? ".next";
const standalone = path.join(ROOT, distDir, "standalone");
const server = path.join(standalone, "server.js");
if (!existsSync(server)) {
  process.stderr.write(
    `Cannot start the app server: ${path.relative(ROOT, server)} is missing. Run \`npm run build\` first.\n`,
  );
  process.exit(1);
}
// The standalone folder holds the server and its traced node_modules, not the static assets.
cpSync(path.join(ROOT, distDir, "static"), path.join(standalone, distDir, "static"), { recursive: true, force: true });
if (existsSync(path.join(ROOT, "public")))
  cpSync(path.join(ROOT, "public"), path.join(standalone, "public"), { recursive: true, force: true });

const port = process.env.PORT ?? "3000";
const host = process.env.SEQUENCER_HOST ?? "0.0.0.0";
const child = spawn(process.execPath, [server], {
  cwd: standalone,
  env: { ...process.env, PORT: port, HOSTNAME: host },
  stdio: "inherit",
});
log.info({ port: Number(port), host, childPid: child.pid }, "app server starting (standalone)");

for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => {
  log.info({ code, signal }, "app server exited");
  process.exit(code ?? (signal ? 128 + 15 : 1));
});
