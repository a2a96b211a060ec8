import "server-only";
import { db } from "@/lib/server/db";
import type { SystemFigures, WorkerHeartbeatView } from "@/lib/views/system";

/** A worker that has not beaten for this long is shown as silent (three missed 5 s beats and then some). */
export const WORKER_SILENT_AFTER_SECONDS = 30;

type FigureRow = {
  at: Date;
  due: bigint;
  oldest_due_seconds: number | null;
  queued: bigint;
  due_messages: bigint;
  retrying: bigint;
  webhooks_pending: bigint;
  alive: bigint;
  batches: bigint;
  batch_seconds: number;
  steps: bigint;
  messages_sent: bigint;
  messages_failed: bigint;
  messages_retried: bigint;
  webhooks_delivered: bigint;
  webhooks_failed: bigint;
};

type HeartbeatRow = {
  id: string;
  host: string;
  pid: number;
  version: string;
  started_at: Date;
  beat_at: Date;
  stopped_at: Date | null;
  silent_seconds: number;
  steps: bigint;
  messages_sent: bigint;
  messages_failed: bigint;
};

/**
 * The figures of the System page and /api/metrics, read at request time. Each count is on an
 * index: due enrollments on `enrollments_due` (status active, next_run_at), queued messages on
 * `messages_due` (partial, queued), pending webhook deliveries on `webhook_deliveries_pending`;
 * worker counters are a sum over the few `worker_heartbeats` rows.
 */
export async function readSystemFigures(options: { workers?: number } = {}): Promise<SystemFigures> {
  const [figures] = await db().$queryRaw<FigureRow[]>`
    SELECT now() AS at,
           d.due, d.oldest_due_seconds,
           m.queued, m.due_messages, m.retrying,
           (SELECT count(*) FROM webhook_deliveries WHERE status = 'pending') AS webhooks_pending,
           (SELECT count(*) FROM worker_heartbeats
             WHERE stopped_at IS NULL AND beat_at > now() - make_interval(secs => ${WORKER_SILENT_AFTER_SECONDS})) AS alive,
           w.batches, w.batch_seconds, w.steps, w.messages_sent, w.messages_failed, w.messages_retried,
           w.webhooks_delivered, w.webhooks_failed
      FROM (SELECT count(*) AS due, EXTRACT(EPOCH FROM now() - min(next_run_at))::float8 AS oldest_due_seconds
              FROM enrollments WHERE status = 'active' AND next_run_at <= now()) d,
           (SELECT count(*) AS queued,
                   count(*) FILTER (WHERE next_attempt_at <= now()) AS due_messages,
                   count(*) FILTER (WHERE attempts > 0) AS retrying
              FROM messages WHERE status = 'queued') m,
           (SELECT coalesce(sum(batches), 0)::bigint AS batches, coalesce(sum(batch_seconds), 0)::float8 AS batch_seconds,
                   coalesce(sum(steps), 0)::bigint AS steps, coalesce(sum(messages_sent), 0)::bigint AS messages_sent,
                   coalesce(sum(messages_failed), 0)::bigint AS messages_failed,
                   coalesce(sum(messages_retried), 0)::bigint AS messages_retried,
                   coalesce(sum(webhooks_delivered), 0)::bigint AS webhooks_delivered,
                   coalesce(sum(webhooks_failed), 0)::bigint AS webhooks_failed
              FROM worker_heartbeats) w`;
  const limit = options.workers ?? 50;
  const heartbeats = await db().$queryRaw<HeartbeatRow[]>`
    SELECT id, host, pid, version, started_at, beat_at, stopped_at,
           EXTRACT(EPOCH FROM now() - beat_at)::float8 AS silent_seconds, steps, messages_sent, messages_failed
      FROM worker_heartbeats ORDER BY stopped_at IS NULL DESC, beat_at DESC LIMIT ${limit}`;
  const f = figures!;
  const workers: WorkerHeartbeatView[] = heartbeats.map((h) => ({
    id: h.id,
    host: h.host,
    pid: h.pid,
    version: h.version,
    startedAt: h.started_at.toISOString(),
    beatAt: h.beat_at.toISOString(),
    stoppedAt: h.stopped_at?.toISOString() ?? null,
    silentSeconds: Math.max(0, h.silent_seconds),
    alive: h.stopped_at === null && h.silent_seconds < WORKER_SILENT_AFTER_SECONDS,
    steps: Number(h.steps),
    messagesSent: Number(h.messages_sent),
    messagesFailed: Number(h.messages_failed),
  }));
  return {
    at: f.at.toISOString(),
    dueEnrollments: Number(f.due),
    oldestDueSeconds: Math.max(0, f.oldest_due_seconds ?? 0),
    queuedMessages: Number(f.queued),
    dueMessages: Number(f.due_messages),
    retryingMessages: Number(f.retrying),
    pendingWebhookDeliveries: Number(f.webhooks_pending),
    workerTotals: {
      batches: Number(f.batches),
      batchSeconds: f.batch_seconds,
      steps: Number(f.steps),
      messagesSent: Number(f.messages_sent),
      messagesFailed: Number(f.messages_failed),
      messagesRetried: Number(f.messages_retried),
      webhooksDelivered: Number(f.webhooks_delivered),
      webhooksFailed: Number(f.webhooks_failed),
    },
    workersAlive: Number(f.alive),
    workers,
  };
}
