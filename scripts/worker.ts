// `npm run worker`: the step runner (advance loop + message delivery) for DATABASE_URL.
// Env: WORKER_CONCURRENCY (delivery jobs at once, default 4), WORKER_BATCH_SIZE (default 500),
// WORKER_POLL_MS (default 500), DELIVERY_MAX_ATTEMPTS (default 10), SMTP_URL / SMTP_FROM (send
// email through SMTP instead of the outbox), SEQUENCER_CLOCK_FILE (see lib/engine/clock.ts).
import { startWorker } from "../lib/engine/worker";

// graphile-worker records some outcomes without awaiting them; if the database vanishes at that
// moment the rejection is unhandled. Log it and keep running rather than dying silently.
process.on("unhandledRejection", (reason) => console.error("[worker] unhandled rejection (continuing):", reason));

const worker = await startWorker();
console.log(`[worker] ${process.pid} running (advance loop + delivery)`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`[worker] ${signal}: finishing the current batch and jobs`);
  const force = setTimeout(() => process.exit(1), 30_000);
  force.unref();
  try {
    await worker.stop();
    process.exit(0);
  } catch (error) {
    console.error("[worker] shutdown failed", error);
    process.exit(1);
  }
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
