import type pg from "pg";
import { insertEvents } from "@/lib/store/events";
import { failEnrollmentsForDelivery } from "@/lib/store/fail-enrollments";
import {
  lockQueuedMessages,
  markMessageAttemptsFailed,
  markMessagesSent,
  type OutgoingMessageRow,
} from "@/lib/store/messages";
import { pgSql, type Sql } from "@/lib/store/sql";
import type { Clock } from "./clock";
import { withTransaction } from "./pool";
import { PermanentDeliveryError, type TransportFor } from "./transports";

type Failure = { message: OutgoingMessageRow; error: string; permanent: boolean };

export type DeliveryResult = { sent: number; failed: number; retrying: number; skipped: number };

export class DeliveryRetryError extends Error {}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 1000);

/**
 * Sends the still-queued messages among `ids` and records the outcome in one transaction.
 * Messages already sent or failed are skipped, so a repeated job never sends twice; the rows
 * stay locked while sending, so two jobs never send the same message at once. A crash after a
 * send but before commit sends that message again on retry (at-least-once, as with any SMTP).
 * Failures throw DeliveryRetryError after the commit (graphile-worker retries with backoff);
 * on the last attempt they fail the message and its enrollment instead.
 */
export async function deliverMessages(options: {
  pool: pg.Pool;
  ids: readonly string[];
  attempt: number;
  maxAttempts: number;
  transportFor: TransportFor;
  clock: Clock;
}): Promise<DeliveryResult> {
  const { pool, ids, transportFor, clock } = options;
  const lastAttempt = options.attempt >= options.maxAttempts;
  const outcome = await withTransaction(pool, async (client) => {
    const sql = pgSql(client);
    const rows = await lockQueuedMessages(sql, ids);
    const results = await Promise.allSettled(rows.map((m) => transportFor(m.channel).send(m)));
    const sent: OutgoingMessageRow[] = [];
    const failures: Failure[] = [];
    results.forEach((result, i) => {
      const message = rows[i]!;
      if (result.status === "fulfilled") sent.push(message);
      else
        failures.push({
          message,
          error: errorText(result.reason),
          permanent: result.reason instanceof PermanentDeliveryError,
        });
    });
    const now = clock.now();
    await recordSent(sql, sent, now);
    const final = failures.filter((f) => lastAttempt || f.permanent);
    const retrying = failures.filter((f) => !(lastAttempt || f.permanent));
    await recordFailed(sql, final, now);
    await markMessageAttemptsFailed(
      sql,
      retrying.map((f) => ({ id: f.message.id, error: f.error })),
      false,
    );
    return { sent: sent.length, failed: final.length, retrying, skipped: ids.length - rows.length };
  });
  if (outcome.retrying.length > 0) {
    const first = outcome.retrying[0]!;
    throw new DeliveryRetryError(
      `${outcome.retrying.length} message(s) not delivered, will retry; first: ${first.error}`,
    );
  }
  return { ...outcome, retrying: 0 };
}

async function recordSent(sql: Sql, sent: readonly OutgoingMessageRow[], now: Date): Promise<void> {
  if (sent.length === 0) return;
  await markMessagesSent(
    sql,
    sent.map((m) => m.id),
    now,
  );
}

async function recordFailed(sql: Sql, failures: readonly Failure[], now: Date): Promise<void> {
  if (failures.length === 0) return;
  await markMessageAttemptsFailed(
    sql,
    failures.map((f) => ({ id: f.message.id, error: f.error })),
    true,
  );
  await insertEvents(
    sql,
    failures.map((f) => messageEvent(f.message, "message_failed", { messageId: f.message.id, error: f.error })),
    now,
  );
  const reasons = new Map<string, string>();
  for (const f of failures)
    if (!reasons.has(f.message.enrollment_id)) reasons.set(f.message.enrollment_id, `Delivery failed: ${f.error}`);
  await failEnrollmentsForDelivery(sql, reasons, now);
}

function messageEvent(message: OutgoingMessageRow, type: "message_failed", detail: Record<string, unknown>) {
  return {
    enrollmentId: message.enrollment_id,
    versionId: message.sequence_version_id,
    stepKey: message.step_key,
    stepIndex: null,
    type,
    detail,
  };
}
