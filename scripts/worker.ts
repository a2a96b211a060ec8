// `npm run worker`: the step runner (advance loop + delivery loop) for DATABASE_URL.
// Env: WORKER_BATCH_SIZE (enrollments per advance batch, default 500), WORKER_POLL_MS (default
// 500), WORKER_CONCURRENCY (sends at once within a delivery claim, default 20), DELIVERY_BATCH_SIZE
// (messages per delivery claim, default 500, 20 with SMTP), DELIVERY_MAX_ATTEMPTS (default 10),
// DELIVERY_BACKOFF_MS / DELIVERY_BACKOFF_MAX_MS (retry delay, doubling: 30 s up to 1 h),
// SMTP_URL / SMTP_FROM (send email through SMTP instead of the outbox), SEQUENCER_CLOCK_FILE
// (see lib/engine/clock.ts), WORKER_SHUTDOWN_MS (the bound on a clean stop, default 8000).
// Logs are pino JSON lines (pretty in development; lib/observability/logger.ts). In production
// (NODE_ENV=production) the settings are checked first (lib/config/settings.ts).
import { requireSettings } from "../lib/config/settings";
import { startWorker } from "../lib/engine/worker";
import { errorFields, logger } from "../lib/observability/logger";

process.env.SEQUENCER_PROCESS ??= "worker";
requireSettings("worker");
const log = logger();

process.on("unhandledRejection", (reason) => log.error(errorFields(reason), "worker unhandled rejection (continuing)"));

const worker = await startWorker();
log.info({ heartbeatId: worker.heartbeat?.id }, "worker running (advance loop + delivery loop)");

const shutdownMs = Number(process.env.WORKER_SHUTDOWN_MS) > 0 ? Number(process.env.WORKER_SHUTDOWN_MS) : 8_000;
let stopping = false;

// First SIGTERM/SIGINT: stop claiming, let the batch and the delivery claim in progress commit
// (a delivery claim stops sending and releases its unsent rows), close the pool, exit 0. If that
// takes longer than WORKER_SHUTDOWN_MS, or on a second signal, exit at once: PostgreSQL rolls
// back whatever this process still holds and its row locks go with the connection.
async function shutdown(signal: string) {
  if (stopping) {
    log.warn({ signal }, "worker: second signal, exiting now");
    process.exit(130);
  }
  stopping = true;
  log.info({ signal }, "worker stopping: finishing the current batch and delivery claim");
  const force = setTimeout(() => {
    log.error({ shutdownMs }, "worker not stopped in time: exiting, PostgreSQL rolls back what was held");
    process.exit(1);
  }, shutdownMs);
  force.unref();
  try {
    await worker.stop();
    log.info("worker stopped");
    process.exit(0);
  } catch (error) {
    log.error(errorFields(error), "worker shutdown failed");
    process.exit(1);
  }
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
