import type pg from "pg";

// What the database keeps of webhooks and API idempotency, and for how long. Pending deliveries
// are never pruned (that would lose events); finished ones, their attempts and their events go
// once older than WEBHOOK_RETENTION_DAYS. Idempotency records go after the 24 hours the API
// promises (Idempotency-Key replays "within 24 hours": lib/server/api/idempotency.ts).

export const DEFAULT_WEBHOOK_RETENTION_DAYS = 30;
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Rows per DELETE, so no statement holds locks for long on a big log. */
export const PRUNE_BATCH = 5_000;

export function webhookRetentionDaysFromEnv(env: Record<string, string | undefined> = process.env): number {
  const raw = env.WEBHOOK_RETENTION_DAYS;
  if (raw === undefined || raw === "") return DEFAULT_WEBHOOK_RETENTION_DAYS;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 1 || days > 3650)
    throw new Error(`WEBHOOK_RETENTION_DAYS must be a whole number of days from 1 to 3650, not "${raw}"`);
  return days;
}

export type PruneResult = { attempts: number; deliveries: number; events: number; idempotencyRecords: number };

async function deleteInBatches(pool: pg.Pool, sql: string, params: unknown[]): Promise<number> {
  let total = 0;
  for (;;) {
    const result = await pool.query(sql, [...params, PRUNE_BATCH]);
    total += result.rowCount ?? 0;
    if ((result.rowCount ?? 0) < PRUNE_BATCH) return total;
  }
}

/** One pass; safe to run from several workers at once (each DELETE skips rows another holds). */
export async function pruneRetention(options: {
  pool: pg.Pool;
  now: Date;
  webhookRetentionDays?: number;
}): Promise<PruneResult> {
  const days = options.webhookRetentionDays ?? webhookRetentionDaysFromEnv();
  const cutoff = new Date(options.now.getTime() - days * DAY_MS);
  const idempotencyCutoff = new Date(options.now.getTime() - IDEMPOTENCY_RETENTION_MS);
  const { pool } = options;

  const attempts = await deleteInBatches(
    pool,
    `DELETE FROM webhook_attempts WHERE id IN (
       SELECT id FROM webhook_attempts WHERE at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)`,
    [cutoff],
  );
  const deliveries = await deleteInBatches(
    pool,
    `DELETE FROM webhook_deliveries WHERE id IN (
       SELECT id FROM webhook_deliveries
       WHERE status IN ('succeeded', 'failed') AND coalesce(last_attempt_at, created_at) < $1
       LIMIT $2 FOR UPDATE SKIP LOCKED)`,
    [cutoff],
  );
  const events = await deleteInBatches(
    pool,
    `DELETE FROM webhook_events WHERE id IN (
       SELECT ev.id FROM webhook_events ev
       WHERE ev.at < $1 AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = ev.id)
       LIMIT $2 FOR UPDATE SKIP LOCKED)`,
    [cutoff],
  );
  const idempotencyRecords = await deleteInBatches(
    pool,
    `DELETE FROM idempotency_records WHERE (api_key_id, key) IN (
       SELECT api_key_id, key FROM idempotency_records WHERE created_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)`,
    [idempotencyCutoff],
  );
  return { attempts, deliveries, events, idempotencyRecords };
}
