import type pg from "pg";
import { withTransaction } from "../pool";

// graphile-worker 0.17 keeps a job (and its named queue) locked by a worker until that worker
// finishes it, or for 4 hours. A SIGKILLed worker never finishes: its endpoint's deliveries would
// wait hours. Each worker process therefore records the ids of its graphile workers with a
// heartbeat; any worker releases (graphile_worker.force_unlock_workers) only the locks of ids whose
// heartbeat is older than the dead-after threshold: provably not running, never a slow live job.

export const DEFAULT_HEARTBEAT_MS = 15_000;
export const DEFAULT_DEAD_AFTER_MS = 2 * 60_000;

export function heartbeatSettingsFromEnv(env: Record<string, string | undefined> = process.env) {
  const ms = (value: string | undefined, fallback: number) => {
    const n = Number(value);
    return value && Number.isInteger(n) && n > 0 ? n : fallback;
  };
  const heartbeatMs = ms(env.WEBHOOK_HEARTBEAT_MS, DEFAULT_HEARTBEAT_MS);
  const deadAfterMs = ms(env.WEBHOOK_WORKER_DEAD_AFTER_MS, DEFAULT_DEAD_AFTER_MS);
  if (deadAfterMs < heartbeatMs * 3)
    throw new Error("WEBHOOK_WORKER_DEAD_AFTER_MS must be at least three heartbeats (WEBHOOK_HEARTBEAT_MS)");
  return { heartbeatMs, deadAfterMs };
}

/** Records this process's graphile worker ids as alive (database time: every worker agrees on it). */
export async function beat(pool: pg.Pool, workerIds: readonly string[]): Promise<void> {
  if (workerIds.length === 0) return;
  await pool.query(
    `INSERT INTO webhook_worker_heartbeats (worker_id, beat_at) SELECT unnest($1::text[]), now()
     ON CONFLICT (worker_id) DO UPDATE SET beat_at = now()`,
    [workerIds],
  );
}

/** Releases the locks of workers whose heartbeat is stale; returns their ids. */
export async function releaseDeadWorkers(pool: pg.Pool, deadAfterMs: number): Promise<string[]> {
  return withTransaction(pool, async (client) => {
    const dead = await client.query<{ worker_id: string }>(
      `DELETE FROM webhook_worker_heartbeats WHERE worker_id IN (
         SELECT worker_id FROM webhook_worker_heartbeats
         WHERE beat_at < now() - make_interval(secs => $1::double precision / 1000)
         FOR UPDATE SKIP LOCKED)
       RETURNING worker_id`,
      [deadAfterMs],
    );
    const ids = dead.rows.map((r) => r.worker_id);
    if (ids.length > 0) await client.query(`SELECT graphile_worker.force_unlock_workers($1::text[])`, [ids]);
    return ids;
  });
}

/** A clean shutdown: the ids are gone (their jobs were finished or released by graphile-worker). */
export async function forgetWorkers(pool: pg.Pool, workerIds: readonly string[]): Promise<void> {
  if (workerIds.length === 0) return;
  await pool.query(`DELETE FROM webhook_worker_heartbeats WHERE worker_id = ANY ($1::text[])`, [workerIds]);
}
