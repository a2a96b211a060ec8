import type pg from "pg";
import { claimDue, type ClaimScope } from "@/lib/store/claim";
import { countSentPerSequence, readRunnerSettings, writeRunnerBatch } from "@/lib/store/runner-batch";
import { effectiveZone, localDay } from "@/lib/domain/send-window";
import { pgSql } from "@/lib/store/sql";
import { sharedVersionCache, type VersionCache } from "@/lib/store/versions";
import { capsApply, planBatch, type BatchContext } from "./plan-batch";
import { withTransaction } from "./pool";

export const DEFAULT_BATCH_SIZE = 500;

export type BatchOptions = {
  pool: pg.Pool;
  now: Date;
  batchSize?: number;
  /** Only this due work (tests, the model test); undefined = every due enrollment. */
  scope?: ClaimScope;
  versions?: VersionCache;
};

export type BatchResult = { claimed: number; steps: number; messages: number; tasks: number; finished: number };

const EMPTY: BatchResult = { claimed: 0, steps: 0, messages: 0, tasks: 0, finished: 0 };

/**
 * Claims up to `batchSize` due enrollments and advances each through its pinned version, all in
 * one transaction: either the whole batch (events, messages, tasks, enrollment rows) commits, or
 * none of it does. SKIP LOCKED lets several workers claim side by side. The messages it writes
 * are queued and due at `now`: the delivery loop (deliver-messages.ts) claims them from there.
 * The commit is synchronous (durable before delivery can read the messages it wrote), so a
 * database crash can never roll back a batch whose messages were already sent.
 */
export async function runDueBatch(options: BatchOptions): Promise<BatchResult> {
  const { pool, now } = options;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const versions = options.versions ?? sharedVersionCache;
  return withTransaction(pool, async (client) => {
    const sql = pgSql(client);
    const rows = await claimDue(sql, { now, limit: batchSize, scope: options.scope });
    if (rows.length === 0) return EMPTY;
    const loaded = await versions.load(
      sql,
      rows.map((r) => r.sequence_version_id),
    );
    const settings = await readRunnerSettings(sql);
    const orgZone = effectiveZone(null, settings.timeZone);
    const context: BatchContext = {
      orgZone,
      orgCaps: { email: settings.dailyEmailCap, sms: settings.dailySmsCap },
      sentToday: null,
    };
    if (capsApply(context, loaded)) {
      const day = localDay(now, orgZone);
      context.sentToday = await countSentPerSequence(sql, day.start, day.end);
    }
    const plan = planBatch(rows, loaded, now, context);
    const messageIds = await writeRunnerBatch(sql, plan, now);
    return {
      claimed: rows.length,
      steps: plan.steps,
      messages: messageIds.length,
      tasks: plan.tasks.length,
      finished: plan.finished,
    };
  });
}

/** Runs batches until nothing is due at `now` (tests, benchmarks, catching up after downtime). */
export async function drainDue(
  options: BatchOptions & { maxBatches?: number },
): Promise<BatchResult & { batches: number }> {
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
