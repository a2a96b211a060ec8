import os from "node:os";
import type pg from "pg";

/** A worker's totals since it started, written with each heartbeat. */
export type WorkerCounters = {
  batches: number;
  batchSeconds: number;
  steps: number;
  messagesSent: number;
  messagesFailed: number;
  messagesRetried: number;
  webhooksDelivered: number;
  webhooksFailed: number;
};

export const emptyCounters = (): WorkerCounters => ({
  batches: 0,
  batchSeconds: 0,
  steps: 0,
  messagesSent: 0,
  messagesFailed: 0,
  messagesRetried: 0,
  webhooksDelivered: 0,
  webhooksFailed: 0,
});

export const DEFAULT_HEARTBEAT_MS = 5_000;

export type Heartbeat = { id: string; stop: () => Promise<void> };

/**
 * Inserts this process's `worker_heartbeats` row, then updates `beat_at` and the counters every
 * `intervalMs`; rows not beaten for a day are deleted first. A failed beat (database away) is retried at the next one; the row is marked
 * stopped at a clean shutdown.
 */
export async function startHeartbeat(options: {
  pool: pg.Pool;
  counters: WorkerCounters;
  version: string;
  intervalMs?: number;
  onError?: (error: unknown) => void;
}): Promise<Heartbeat> {
  const { pool, counters } = options;
  await pool.query("DELETE FROM worker_heartbeats WHERE beat_at < now() - interval '1 day'");
  const { rows } = await pool.query<{ id: string }>(
    "INSERT INTO worker_heartbeats (host, pid, version) VALUES ($1, $2, $3) RETURNING id",
    [os.hostname(), process.pid, options.version],
  );
  const id = rows[0]!.id;
  const beat = (stopped: boolean) =>
    pool.query(
      `UPDATE worker_heartbeats
          SET beat_at = now(), stopped_at = CASE WHEN $10 THEN now() ELSE NULL END,
              batches = $2, batch_seconds = $3, steps = $4, messages_sent = $5, messages_failed = $6,
              messages_retried = $7, webhooks_delivered = $8, webhooks_failed = $9
        WHERE id = $1`,
      [
        id,
        counters.batches,
        counters.batchSeconds,
        counters.steps,
        counters.messagesSent,
        counters.messagesFailed,
        counters.messagesRetried,
        counters.webhooksDelivered,
        counters.webhooksFailed,
        stopped,
      ],
    );
  let pending: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    pending = beat(false).catch((error) => options.onError?.(error));
  }, options.intervalMs ?? DEFAULT_HEARTBEAT_MS);
  timer.unref();
  return {
    id,
    stop: async () => {
      clearInterval(timer);
      await pending;
      await beat(true).catch((error) => options.onError?.(error));
    },
  };
}
