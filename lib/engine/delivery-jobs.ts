import { Logger, runMigrations, type LogLevel } from "graphile-worker";
import type pg from "pg";
import type { Queryable } from "./pool";

export const DELIVER_TASK = "deliver_messages";
/**
 * Messages per delivery job: one job per full runner batch. Each job costs graphile-worker two
 * commits of its own (take, complete) plus the delivery transaction, so fewer, larger jobs are
 * what keeps delivery near the database's own rate; a retry resends only the still-queued ones.
 */
export const DELIVERY_CHUNK = 500;
export const DEFAULT_DELIVERY_MAX_ATTEMPTS = 10;

export function deliveryMaxAttemptsFromEnv(env: Record<string, string | undefined> = process.env): number {
  const value = Number(env.DELIVERY_MAX_ATTEMPTS);
  return Number.isInteger(value) && value > 0 ? value : DEFAULT_DELIVERY_MAX_ATTEMPTS;
}

/** graphile-worker's own schema; the worker installs it at start, tests call this first. */
export async function installDeliverySchema(pool: pg.Pool): Promise<void> {
  await runMigrations({ pgPool: pool, logger: quietLogger() });
}

/**
 * Queues delivery of `messageIds` in the caller's transaction (so a message row and its job
 * commit together): one graphile-worker job per chunk of ids, in one round trip.
 */
export async function enqueueDelivery(
  db: Queryable,
  messageIds: readonly string[],
  maxAttempts?: number,
): Promise<void> {
  if (messageIds.length === 0) return;
  await db.query(
    `SELECT graphile_worker.add_job($1, json_build_object('ids', chunk.ids), max_attempts := $3::int)
     FROM (
       SELECT array_agg(id ORDER BY n) AS ids
       FROM unnest($2::uuid[]) WITH ORDINALITY AS m(id, n)
       GROUP BY (n - 1) / $4
     ) AS chunk`,
    [DELIVER_TASK, messageIds, maxAttempts ?? deliveryMaxAttemptsFromEnv(), DELIVERY_CHUNK],
  );
}

// graphile-worker logs every job at info level; at thousands of jobs that drowns real problems.
export function quietLogger(verbose = process.env.WORKER_VERBOSE === "1"): Logger {
  return new Logger(() => (level: LogLevel, message: string) => {
    const name: string = level;
    if (!verbose && (name === "debug" || name === "info")) return;
    const line = `[graphile-worker] ${name}: ${message}`;
    if (name === "error") console.error(line);
    else console.log(line);
  });
}
