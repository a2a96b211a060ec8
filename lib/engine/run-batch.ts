import type pg from "pg";
import { enqueueDelivery } from "./delivery-jobs";
import { planBatch, type ClaimedRow } from "./plan-batch";
import { withTransaction } from "./pool";
import { sharedVersionCache, type VersionCache } from "./version-cache";
import { writeBatch } from "./write-batch";

export const DEFAULT_BATCH_SIZE = 500;

export type BatchOptions = {
  pool: pg.Pool;
  now: Date;
  batchSize?: number;
  versions?: VersionCache;
  /** max_attempts of the delivery jobs this batch enqueues. */
  deliveryMaxAttempts?: number;
  /** Claim only these sequences' and/or enrollments' due work (tests); absent = everything due. */
  scope?: { sequenceIds?: readonly string[]; enrollmentIds?: readonly string[] };
};

export type BatchResult = { claimed: number; steps: number; messages: number; tasks: number; finished: number };

const EMPTY: BatchResult = { claimed: 0, steps: 0, messages: 0, tasks: 0, finished: 0 };

/**
 * Claims up to `batchSize` due enrollments and advances each through its pinned version, all in
 * one transaction: either the whole batch (events, messages, tasks, delivery jobs, enrollment
 * rows) commits, or none of it does. SKIP LOCKED lets several workers claim side by side.
 */
export async function runDueBatch(options: BatchOptions): Promise<BatchResult> {
  const { pool, now } = options;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const versions = options.versions ?? sharedVersionCache;
  return withTransaction(pool, async (client) => {
    const { rows } = await client.query<ClaimedRow>(
      `SELECT e.id, e.status, e.current_step_index, e.next_run_at, e.exit_reason, e.pass, e.sequence_version_id,
              c.email, c.first_name, c.last_name, c.phone, c.unsubscribed_at
       FROM enrollments e JOIN contacts c ON c.id = e.contact_id
       WHERE e.status = 'active' AND e.next_run_at <= $1
         AND ($3::uuid[] IS NULL OR e.sequence_id = ANY($3::uuid[]))
         AND ($4::uuid[] IS NULL OR e.id = ANY($4::uuid[]))
       ORDER BY e.next_run_at
       LIMIT $2
       FOR UPDATE OF e SKIP LOCKED`,
      [now, batchSize, options.scope?.sequenceIds ?? null, options.scope?.enrollmentIds ?? null],
    );
    if (rows.length === 0) return EMPTY;
    const loaded = await versions.load(client, rows.map((r) => r.sequence_version_id));
    const plan = planBatch(rows, loaded, now);
    const messageIds = await writeBatch(client, plan, now);
    await enqueueDelivery(client, messageIds, options.deliveryMaxAttempts);
    return {
      claimed: rows.length,
      steps: plan.steps,
      messages: messageIds.length,
      tasks: plan.tasks.length,
      finished: plan.updates.filter((u) => u.finished).length,
    };
  });
}

/** Runs batches until nothing is due at `now` (tests, benchmarks, catching up after downtime). */
export async function drainDue(options: BatchOptions & { maxBatches?: number }): Promise<BatchResult & { batches: number }> {
  const total = { ...EMPTY, batches: 0 };
  const maxBatches = options.maxBatches ?? Number.POSITIVE_INFINITY;
  while (total.batches < maxBatches) {
    const result = await runDueBatch(options);
    if (result.claimed === 0) break;
    total.batches += 1;
    total.claimed += result.claimed;
    total.steps += result.steps;
    total.messages += result.messages;
    total.tasks += result.tasks;
    total.finished += result.finished;
  }
  return total;
}
