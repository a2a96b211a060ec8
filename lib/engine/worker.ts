import { run, type Runner, type Task } from "graphile-worker";
import type pg from "pg";
import { z } from "zod";
import { clockFromEnv, type Clock } from "./clock";
import { isConnectionLoss, waitForDatabase } from "./connection-loss";
import { deliverMessages } from "./deliver-messages";
import { DELIVER_TASK, deliveryMaxAttemptsFromEnv, installDeliverySchema, quietLogger } from "./delivery-jobs";
import { createPool } from "./pool";
import { DEFAULT_BATCH_SIZE, runDueBatch, type BatchResult } from "./run-batch";
import { transportsFor, type TransportFor } from "./transports";
import { webhookTasks } from "./webhooks/webhook-task";

const payloadSchema = z.object({ ids: z.array(z.uuid()).max(10_000) });

export function deliveryTask(options: { pool: pg.Pool; transportFor: TransportFor; clock: Clock }): Task {
  return async (payload, helpers) => {
    const { ids } = payloadSchema.parse(payload);
    try {
      await deliverMessages({ ...options, ids, attempt: helpers.job.attempts, maxAttempts: helpers.job.max_attempts });
    } catch (error) {
      // Fail the job only once the database can record the failure (see connection-loss.ts).
      if (isConnectionLoss(error)) await waitForDatabase(options.pool);
      throw error;
    }
  };
}

export type AdvanceLoop = { stop: () => Promise<void>; totals: BatchResult };

/**
 * Claims due batches back to back while a batch comes back full, then sleeps `pollMs`. Errors
 * (a lost connection, a deadlock) roll the batch back; the loop logs, backs off and goes on.
 */
export function startAdvanceLoop(options: {
  pool: pg.Pool;
  clock: Clock;
  batchSize?: number;
  pollMs?: number;
  deliveryMaxAttempts?: number;
  onError?: (error: unknown) => void;
}): AdvanceLoop {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const pollMs = options.pollMs ?? 500;
  const totals: BatchResult = { claimed: 0, steps: 0, messages: 0, tasks: 0, finished: 0 };
  let stopping = false;
  let wake: (() => void) | null = null;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  const loop = (async () => {
    while (!stopping) {
      try {
        const result = await runDueBatch({
          pool: options.pool,
          now: options.clock.now(),
          batchSize,
          deliveryMaxAttempts: options.deliveryMaxAttempts,
        });
        totals.claimed += result.claimed;
        totals.steps += result.steps;
        totals.messages += result.messages;
        totals.tasks += result.tasks;
        totals.finished += result.finished;
        if (result.claimed < batchSize) await sleep(pollMs);
      } catch (error) {
        (options.onError ?? ((e) => console.error("[advance] batch failed, retrying:", e)))(error);
        await sleep(Math.max(pollMs, 1000));
      }
    }
  })();

  return {
    totals,
    stop: async () => {
      stopping = true;
      wake?.();
      await loop;
    },
  };
}

export type WorkerOptions = {
  connectionString?: string;
  clock?: Clock;
  concurrency?: number;
  batchSize?: number;
  pollMs?: number;
  deliveryMaxAttempts?: number;
  smtpUrl?: string | null;
  /** Run only one half (tests exercise them separately). */
  advance?: boolean;
  deliver?: boolean;
};

export type Worker = { pool: pg.Pool; loop: AdvanceLoop | null; runner: Runner | null; stop: () => Promise<void> };

const intFromEnv = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

/**
 * One worker process: the advance loop plus graphile-worker delivery on one pg pool. Any number
 * of these may run against the same database; row locks keep them out of each other's way.
 */
export async function startWorker(options: WorkerOptions = {}): Promise<Worker> {
  const env = process.env;
  const concurrency = options.concurrency ?? intFromEnv(env.WORKER_CONCURRENCY, 4);
  const clock = options.clock ?? clockFromEnv(env);
  const pool = createPool({ connectionString: options.connectionString, max: concurrency + 3 });
  const transports = transportsFor({ smtpUrl: options.smtpUrl });
  await installDeliverySchema(pool);
  const webhooks = webhookTasks({ pool });

  const runner =
    options.deliver === false
      ? null
      : await run({
          pgPool: pool,
          concurrency,
          noHandleSignals: true,
          pollInterval: 1000,
          logger: quietLogger(),
          taskList: {
            [DELIVER_TASK]: deliveryTask({ pool, transportFor: transports.transportFor, clock }),
            ...webhooks.tasks,
          },
        });
  const loop =
    options.advance === false
      ? null
      : startAdvanceLoop({
          pool,
          clock,
          batchSize: options.batchSize ?? intFromEnv(env.WORKER_BATCH_SIZE, DEFAULT_BATCH_SIZE),
          pollMs: options.pollMs ?? intFromEnv(env.WORKER_POLL_MS, 500),
          deliveryMaxAttempts: options.deliveryMaxAttempts ?? deliveryMaxAttemptsFromEnv(env),
        });

  let stopped: Promise<void> | null = null;
  return {
    pool,
    loop,
    runner,
    stop: () =>
      (stopped ??= (async () => {
        await loop?.stop();
        await runner?.stop();
        transports.close();
        webhooks.close();
        await pool.end();
      })()),
  };
}
