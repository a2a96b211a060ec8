import "server-only";
import { Counter, Gauge, Registry } from "prom-client";
import { processMetrics } from "@/lib/observability/metrics";
import type { SystemFigures } from "@/lib/views/system";

/**
 * Prometheus text for one scrape: the database figures (gauges; worker totals as counters, which
 * reset when a worker's heartbeat row is forgotten a day after it stopped, as any counter does on
 * restart) plus this process's HTTP histogram and Node process metrics.
 */
export async function renderMetrics(f: SystemFigures): Promise<{ contentType: string; body: string }> {
  const scrape = new Registry();
  const gauge = (name: string, help: string, value: number) =>
    new Gauge({ name, help, registers: [scrape] }).set(value);
  const counter = (name: string, help: string, value: number) =>
    new Counter({ name, help, registers: [scrape] }).inc(value);
  gauge("sequencer_due_enrollments", "Active enrollments whose next run is due", f.dueEnrollments);
  gauge(
    "sequencer_oldest_due_enrollment_age_seconds",
    "Age of the oldest due enrollment (runner lag); 0 when nothing is due",
    f.oldestDueSeconds,
  );
  gauge("sequencer_delivery_queue_depth", "Queued messages (due or waiting for a retry)", f.queuedMessages);
  gauge("sequencer_delivery_due_messages", "Queued messages due now", f.dueMessages);
  gauge("sequencer_delivery_retrying_messages", "Queued messages that have failed at least once", f.retryingMessages);
  gauge(
    "sequencer_webhook_deliveries_pending",
    "Webhook deliveries not yet delivered or given up",
    f.pendingWebhookDeliveries,
  );
  gauge("sequencer_workers_alive", "Workers with a heartbeat in the last 30 s", f.workersAlive);
  const t = f.workerTotals;
  counter("sequencer_runner_batches_total", "Runner batches that claimed work", t.batches);
  counter("sequencer_runner_batch_duration_seconds_total", "Time spent in those batches", t.batchSeconds);
  counter("sequencer_steps_executed_total", "Steps executed by the runner", t.steps);
  counter("sequencer_messages_sent_total", "Messages sent", t.messagesSent);
  counter("sequencer_messages_failed_total", "Messages failed for good", t.messagesFailed);
  counter("sequencer_message_retries_total", "Message send attempts that failed and were retried", t.messagesRetried);
  counter("sequencer_webhook_deliveries_total", "Webhook deliveries that succeeded", t.webhooksDelivered);
  counter("sequencer_webhook_deliveries_failed_total", "Webhook deliveries given up", t.webhooksFailed);
  const merged = Registry.merge([processMetrics().registry, scrape]);
  return { contentType: merged.contentType, body: await merged.metrics() };
}
