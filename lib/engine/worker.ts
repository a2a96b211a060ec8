import { EventEmitter } from "node:events";
import { run, type Runner, type WorkerEvents } from "graphile-worker";
import type pg from "pg";
import { clockFromEnv, type Clock } from "./clock";
import { isConnectionLoss } from "./connection-loss";
import { errorFields, logger } from "@/lib/observability/logger";
import { DEFAULT_SEND_CONCURRENCY, deliverDue, EMPTY_DELIVERY, type DeliveryResult } from "./deliver-messages";
import {
  DEFAULT_DELIVERY_BATCH_SIZE,
  DEFAULT_SMTP_DELIVERY_BATCH_SIZE,
  deliverySettingsFromEnv,
  type DeliverySettings,
} from "./delivery-settings";
import type { ClaimScope } from "@/lib/store/claim";
import type { MessageScope } from "@/lib/store/messages";
import { createPool } from "./pool";
import { DEFAULT_BATCH_SIZE, runDueBatch, type BatchResult } from "./run-batch";
import { installJobQueueSchema, quietLogger } from "./job-queue";
import { transportsFor, type TransportFor } from "./transports";
import { pruneRetention, webhookRetentionDaysFromEnv } from "./webhooks/retention";
import { DEFAULT_HEARTBEAT_MS, emptyCounters, startHeartbeat, type Heartbeat, type WorkerCounters } from "./heartbeat";
import { webhookTasks } from "./webhooks/webhook-task";
import { DEFAULT_SCHEDULE_SWEEP_MS, scheduledPublishTasks, sweepScheduledPublishes } from "./scheduled-publish-task";
import { beat, forgetWorkers, heartbeatSettingsFromEnv, releaseDeadWorkers } from "./webhooks/worker-heartbeat";

function logClaimError(name: string, error: unknown) {
  // The database going away is expected (restarts, failover): one line, not a stack trace.
  if (isConnectionLoss(error))
    logger().warn(
      { loop: name, err: { message: error instanceof Error ? error.message : String(error) } },
      `${name}: database unavailable, retrying`,
    );
  else logger().error({ loop: name, ...errorFields(error) }, `${name}: claim failed, retrying`);
}

/** A claim loop: `step` runs one claim; a full claim runs again at once, otherwise it sleeps `pollMs`. */
export type ClaimLoop<T> = {
  totals: T;
  /** Ends the current sleep (new work was just committed). */
  wake: () => void;
  /** Stops claiming and resolves once the claim in progress has committed or rolled back. */
  stop: () => Promise<void>;
};

function startClaimLoop<T>(options: {
  name: string;
  pollMs: number;
  totals: T;
  step: (signal: AbortSignal) => Promise<{ full: boolean }>;
  onError?: (error: unknown) => void;
}): ClaimLoop<T> {
  const stopping = new AbortController();
  let wake: (() => void) | null = null;
  let woken = false;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken || stopping.signal.aborted) {
        woken = false;
        return resolve();
      }
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  const loop = (async () => {
    while (!stopping.signal.aborted) {
      woken = false;
      try {
        const { full } = await options.step(stopping.signal);
        if (!full) await sleep(options.pollMs);
      } catch (error) {
        // A lost connection or a deadlock rolled the claim back; its rows are free again.
        (options.onError ?? ((e) => logClaimError(options.name, e)))(error);
        await sleep(Math.max(options.pollMs, 1000));
      }
    }
  })();

  return {
    totals: options.totals,
    wake: () => {
      woken = true;
      wake?.();
    },
    stop: async () => {
      stopping.abort();
      wake?.();
      await loop;
    },
  };
}

export type AdvanceLoop = ClaimLoop<BatchResult>;

/**
 * Claims due enrollment batches back to back while a batch comes back full, then sleeps `pollMs`.
 * `onMessages` is called after a batch that queued messages has committed.
 */
export function startAdvanceLoop(options: {
  pool: pg.Pool;
  clock: Clock;
  batchSize?: number;
  pollMs?: number;
  scope?: ClaimScope;
  onMessages?: () => void;
  onError?: (error: unknown) => void;
  /** Totals for the heartbeat: batches, their duration, steps. */
  counters?: WorkerCounters;
}): AdvanceLoop {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const totals: BatchResult = { claimed: 0, steps: 0, messages: 0, tasks: 0, finished: 0 };
  return startClaimLoop({
    name: "advance",
    pollMs: options.pollMs ?? 500,
    totals,
    onError: options.onError,
    step: async () => {
      const started = performance.now();
      const result = await runDueBatch({
        pool: options.pool,
        now: options.clock.now(),
        batchSize,
        scope: options.scope,
      });
      totals.claimed += result.claimed;
      totals.steps += result.steps;
      totals.messages += result.messages;
      totals.tasks += result.tasks;
      totals.finished += result.finished;
      if (options.counters && result.claimed > 0) {
        options.counters.batches += 1;
        options.counters.batchSeconds += (performance.now() - started) / 1000;
        options.counters.steps += result.steps;
      }
      if (result.messages > 0) options.onMessages?.();
      return { full: result.claimed >= batchSize };
    },
  });
}

export type DeliveryLoop = ClaimLoop<DeliveryResult>;

/** Claims due messages (deliverDue) back to back while a claim comes back full, then sleeps `pollMs`. */
export function startDeliveryLoop(options: {
  pool: pg.Pool;
  clock: Clock;
  transportFor: TransportFor;
  batchSize?: number;
  pollMs?: number;
  settings?: DeliverySettings;
  concurrency?: number;
  scope?: MessageScope;
  onError?: (error: unknown) => void;
  counters?: WorkerCounters;
}): DeliveryLoop {
  const batchSize = options.batchSize ?? DEFAULT_DELIVERY_BATCH_SIZE;
  const totals = { ...EMPTY_DELIVERY };
  return startClaimLoop({
    name: "deliver",
    pollMs: options.pollMs ?? 500,
    totals,
    onError: options.onError,
    step: async (signal) => {
      const result = await deliverDue({
        pool: options.pool,
        now: options.clock.now(),
        transportFor: options.transportFor,
        limit: batchSize,
        settings: options.settings,
        concurrency: options.concurrency,
        scope: options.scope,
        signal,
      });
      totals.claimed += result.claimed;
      totals.sent += result.sent;
      totals.failed += result.failed;
      totals.retrying += result.retrying;
      totals.released += result.released;
      if (options.counters) {
        options.counters.messagesSent += result.sent;
        options.counters.messagesFailed += result.failed;
        options.counters.messagesRetried += result.retrying;
      }
      return { full: result.claimed >= batchSize };
    },
  });
}

export type WorkerOptions = {
  connectionString?: string;
  clock?: Clock;
  /** Sends at once within a delivery claim (WORKER_CONCURRENCY). */
  concurrency?: number;
  batchSize?: number;
  deliveryBatchSize?: number;
  pollMs?: number;
  delivery?: Partial<DeliverySettings>;
  smtpUrl?: string | null;
  /** Run only one half (tests exercise them separately). */
  advance?: boolean;
  deliver?: boolean;
  /** Run graphile-worker for webhook deliveries (default true). */
  webhooks?: boolean;
  /** Only this work (in-process tests that share a database); undefined = all of it. */
  scope?: ClaimScope;
  /** Prune old webhook deliveries and idempotency records every RETENTION_INTERVAL_MS (default true). */
  retention?: boolean;
  /** Write a `worker_heartbeats` row every WORKER_HEARTBEAT_MS (default true). */
  heartbeat?: boolean;
  /** Run scheduled publishes: their graphile-worker jobs and a sweep every SCHEDULED_PUBLISH_SWEEP_MS (default true unless scoped). */
  scheduledPublish?: boolean;
};

export type Worker = {
  pool: pg.Pool;
  loop: AdvanceLoop | null;
  delivery: DeliveryLoop | null;
  /** graphile-worker, which carries webhook deliveries only. */
  jobs: Runner | null;
  /** Totals since start, also written to this worker's heartbeat row. */
  counters: WorkerCounters;
  heartbeat: Heartbeat | null;
  /** Stops claiming, waits for the claims in progress to commit or roll back, closes the pool. */
  stop: () => Promise<void>;
};

const intFromEnv = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

/**
 * One worker process: the advance loop and the delivery loop on one pg pool, the delivery loop
 * woken as soon as an advance batch has queued messages. Any number of these may run against
 * the same database; row locks (SKIP LOCKED) keep them out of each other's way.
 */
export async function startWorker(options: WorkerOptions = {}): Promise<Worker> {
  const env = process.env;
  const clock = options.clock ?? clockFromEnv(env);
  // Two claim loops, plus graphile-worker's listener and its webhook jobs.
  const pool = createPool({ connectionString: options.connectionString, max: 8 });
  const smtpUrl = options.smtpUrl === undefined ? (env.SMTP_URL ?? null) : options.smtpUrl;
  const transports = transportsFor({ smtpUrl });
  const pollMs = options.pollMs ?? intFromEnv(env.WORKER_POLL_MS, 500);

  // graphile-worker first: once a claim loop runs, this process holds rows, so start-up must be over
  // (scripts/worker.ts installs its signal handlers when startWorker resolves).
  const counters = emptyCounters();
  const webhooks =
    options.webhooks === false
      ? null
      : webhookTasks({
          pool,
          onResult: (r) => {
            counters.webhooksDelivered += r.succeeded;
            counters.webhooksFailed += r.gaveUp;
          },
        });
  let jobs: Runner | null = null;
  // The ids this process's graphile-worker locks jobs with, kept alive in webhook_worker_heartbeats.
  const graphileWorkerIds = new Set<string>();
  const webhookHeartbeat = heartbeatSettingsFromEnv(env);
  if (webhooks) {
    await installJobQueueSchema(pool);
    const events: WorkerEvents = new EventEmitter();
    // 0.17 locks jobs with the pool's id (batched fetch); individual worker ids are kept too.
    events.on("pool:create", ({ workerPool }) => graphileWorkerIds.add(workerPool.id));
    events.on("worker:create", ({ worker }) => graphileWorkerIds.add(worker.workerId));
    jobs = await run({
      pgPool: pool,
      concurrency: 2,
      noHandleSignals: true,
      pollInterval: 1000,
      logger: quietLogger(),
      taskList: {
        ...webhooks.tasks,
        ...(options.scheduledPublish === false || options.scope !== undefined ? {} : scheduledPublishTasks(clock)),
      },
      events,
    });
  }
  // Heartbeat, and release the webhook job locks of workers that stopped beating (SIGKILL).
  const heartbeatLoop = jobs
    ? startClaimLoop({
        name: "webhook-heartbeat",
        pollMs: webhookHeartbeat.heartbeatMs,
        totals: null,
        step: async () => {
          await beat(pool, [...graphileWorkerIds]);
          const released = await releaseDeadWorkers(pool, webhookHeartbeat.deadAfterMs);
          if (released.length > 0)
            console.log(`[webhooks] released the job locks of dead worker(s) ${released.join(", ")}`);
          return { full: false };
        },
      })
    : null;

  // Everything awaited happens before the first claim loop starts: once a loop runs, this process
  // holds rows, and scripts/worker.ts installs its signal handlers only when startWorker resolves.
  const heartbeat =
    options.heartbeat === false
      ? null
      : await startHeartbeat({
          pool,
          counters,
          version: env.SEQUENCER_VERSION ?? env.npm_package_version ?? "dev",
          intervalMs: intFromEnv(env.WORKER_HEARTBEAT_MS, DEFAULT_HEARTBEAT_MS),
          onError: (error) => logClaimError("heartbeat", error),
        });

  const delivery =
    options.deliver === false
      ? null
      : startDeliveryLoop({
          pool,
          clock,
          transportFor: transports.transportFor,
          batchSize:
            options.deliveryBatchSize ??
            intFromEnv(
              env.DELIVERY_BATCH_SIZE,
              smtpUrl ? DEFAULT_SMTP_DELIVERY_BATCH_SIZE : DEFAULT_DELIVERY_BATCH_SIZE,
            ),
          pollMs,
          settings: { ...deliverySettingsFromEnv(env), ...options.delivery },
          concurrency: options.concurrency ?? intFromEnv(env.WORKER_CONCURRENCY, DEFAULT_SEND_CONCURRENCY),
          scope: options.scope,
          counters,
        });
  const loop =
    options.advance === false
      ? null
      : startAdvanceLoop({
          pool,
          clock,
          batchSize: options.batchSize ?? intFromEnv(env.WORKER_BATCH_SIZE, DEFAULT_BATCH_SIZE),
          pollMs,
          scope: options.scope,
          onMessages: () => delivery?.wake(),
          counters,
        });
  // Retention (webhook log, idempotency records): hourly by default; any number of workers may run it.
  const retentionDays = webhookRetentionDaysFromEnv(env);
  const retention =
    options.retention === false || options.scope !== undefined
      ? null
      : startClaimLoop({
          name: "retention",
          pollMs: intFromEnv(env.RETENTION_INTERVAL_MS, 60 * 60 * 1000),
          totals: null,
          step: async () => {
            await pruneRetention({ pool, now: clock.now(), webhookRetentionDays: retentionDays });
            return { full: false };
          },
        });

  // Scheduled publishes that fell due while no worker ran, or whose job was lost.
  const scheduleSweep =
    options.scheduledPublish === false || options.scope !== undefined
      ? null
      : startClaimLoop({
          name: "scheduled-publish",
          pollMs: intFromEnv(env.SCHEDULED_PUBLISH_SWEEP_MS, DEFAULT_SCHEDULE_SWEEP_MS),
          totals: null,
          step: async () => {
            await sweepScheduledPublishes(clock);
            return { full: false };
          },
        });

  let stopped: Promise<void> | null = null;
  return {
    pool,
    loop,
    delivery,
    jobs,
    counters,
    heartbeat,
    stop: () =>
      (stopped ??= (async () => {
        await Promise.all([
          loop?.stop(),
          delivery?.stop(),
          jobs?.stop(),
          retention?.stop(),
          heartbeatLoop?.stop(),
          scheduleSweep?.stop(),
        ]);
        await heartbeat?.stop();
        await forgetWorkers(pool, [...graphileWorkerIds]).catch(() => {});
        transports.close();
        webhooks?.close();
        await pool.end();
      })()),
  };
}
