// `npm run tracker`: the tracking server (open pixel /t/o/<token>, tracked links /t/c/<token>,
// /health) as its own lean process (lib/server/tracking/tracker-server.ts); emails point at it
// when SEQUENCER_TRACKING_URL is set (DEPLOY.md, "Tracker"). Env: DATABASE_URL (the runtime
// login), SEQUENCER_SIGNING_SECRET or NEXTAUTH_SECRET (the key the workers signed the links with),
// TRACKING_PORT (default 3100), TRACKING_HOST (default 0.0.0.0), DB_POOL_SIZE (default 2: one
// flush writes at a time), TRACKER_SHUTDOWN_MS (the bound on a clean stop, default 8000).
// In production (NODE_ENV=production) the settings are checked first (lib/config/settings.ts).
import { requireSettings } from "../lib/config/settings";
import { errorFields, logger } from "../lib/observability/logger";
import { startTracker } from "../lib/server/tracking/tracker-server";

process.env.SEQUENCER_PROCESS ??= "tracker";
requireSettings("tracker");
const log = logger();

process.on("unhandledRejection", (reason) =>
  log.error(errorFields(reason), "tracker unhandled rejection (continuing)"),
);

const tracker = await startTracker({
  port: Number(process.env.TRACKING_PORT ?? 3100),
  host: process.env.TRACKING_HOST || "0.0.0.0",
  poolSize: Number(process.env.DB_POOL_SIZE) > 0 ? Number(process.env.DB_POOL_SIZE) : 2,
});
log.info({ port: tracker.port }, "tracker listening");

const shutdownMs = Number(process.env.TRACKER_SHUTDOWN_MS) > 0 ? Number(process.env.TRACKER_SHUTDOWN_MS) : 8_000;
let stopping = false;

// First SIGTERM/SIGINT: stop accepting, write what the group commit holds, answer those requests,
// close the pool, exit 0. Past TRACKER_SHUTDOWN_MS, or on a second signal, exit at once: the
// unanswered hits were not acknowledged, so nothing answered is lost.
async function shutdown(signal: string) {
  if (stopping) {
    log.warn({ signal }, "tracker: second signal, exiting now");
    process.exit(130);
  }
  stopping = true;
  log.info({ signal }, "tracker stopping: writing queued hits");
  const force = setTimeout(() => {
    log.error({ shutdownMs }, "tracker not stopped in time: exiting");
    process.exit(1);
  }, shutdownMs);
  force.unref();
  try {
    await tracker.stop();
    log.info("tracker stopped");
    process.exit(0);
  } catch (error) {
    log.error(errorFields(error), "tracker shutdown failed");
    process.exit(1);
  }
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
