import type pg from "pg";
import { transition, type EnrollmentStatus } from "@/lib/domain/enrollment-machine";
import type { Clock } from "./clock";
import { withTransaction } from "./pool";
import { PermanentDeliveryError, type OutgoingMessage, type TransportFor } from "./transports";

type MessageRow = OutgoingMessage & { enrollment_id: string; sequence_version_id: string; step_key: string };
type Failure = { message: MessageRow; error: string; permanent: boolean };

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
    const { rows } = await client.query<MessageRow>(
      `SELECT id, enrollment_id, sequence_version_id, step_key, channel, "to", subject, body
       FROM messages WHERE id = ANY($1::uuid[]) AND status = 'queued' ORDER BY id FOR UPDATE`,
      [ids],
    );
    const results = await Promise.allSettled(rows.map((m) => transportFor(m.channel).send(m)));
    const sent: MessageRow[] = [];
    const failures: Failure[] = [];
    results.forEach((result, i) => {
      const message = rows[i]!;
      if (result.status === "fulfilled") sent.push(message);
      else failures.push({ message, error: errorText(result.reason), permanent: result.reason instanceof PermanentDeliveryError });
    });
    const now = clock.now();
    await recordSent(client, sent, now);
    const final = failures.filter((f) => lastAttempt || f.permanent);
    const retrying = failures.filter((f) => !(lastAttempt || f.permanent));
    await recordFailed(client, final, now);
    if (retrying.length > 0) {
      await client.query(
        `UPDATE messages m SET attempts = m.attempts + 1, last_error = u.error
         FROM unnest($1::uuid[], $2::text[]) AS u(id, error) WHERE m.id = u.id`,
        [retrying.map((f) => f.message.id), retrying.map((f) => f.error)],
      );
    }
    return { sent: sent.length, failed: final.length, retrying, skipped: ids.length - rows.length };
  });
  if (outcome.retrying.length > 0) {
    const first = outcome.retrying[0]!;
    throw new DeliveryRetryError(`${outcome.retrying.length} message(s) not delivered, will retry; first: ${first.error}`);
  }
  return { ...outcome, retrying: 0 };
}

async function recordSent(client: pg.PoolClient, sent: readonly MessageRow[], now: Date): Promise<void> {
  if (sent.length === 0) return;
  await client.query(
    `UPDATE messages SET status = 'sent', sent_at = $2, attempts = attempts + 1, last_error = NULL WHERE id = ANY($1::uuid[])`,
    [sent.map((m) => m.id), now],
  );
  await insertMessageEvents(client, "message_sent", sent.map((m) => ({ message: m, detail: { messageId: m.id, channel: m.channel } })), now);
}

async function recordFailed(client: pg.PoolClient, failures: readonly Failure[], now: Date): Promise<void> {
  if (failures.length === 0) return;
  await client.query(
    `UPDATE messages m SET status = 'failed', attempts = m.attempts + 1, last_error = u.error
     FROM unnest($1::uuid[], $2::text[]) AS u(id, error) WHERE m.id = u.id`,
    [failures.map((f) => f.message.id), failures.map((f) => f.error)],
  );
  await insertMessageEvents(client, "message_failed", failures.map((f) => ({ message: f.message, detail: { messageId: f.message.id, error: f.error } })), now);

  // One failure per enrollment is enough to fail it; the first reason is the one recorded.
  const reasons = new Map<string, string>();
  for (const f of failures) if (!reasons.has(f.message.enrollment_id)) reasons.set(f.message.enrollment_id, `Delivery failed: ${f.error}`);
  const { rows } = await client.query<{ id: string; status: EnrollmentStatus; current_step_index: number; next_run_at: Date | null; exit_reason: string | null; sequence_version_id: string; current_step_key: string | null }>(
    `SELECT id, status, current_step_index, next_run_at, exit_reason, sequence_version_id, current_step_key
     FROM enrollments WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
    [[...reasons.keys()]],
  );
  const failed: { id: string; versionId: string; stepKey: string | null; reason: string }[] = [];
  for (const row of rows) {
    const reason = reasons.get(row.id)!;
    const result = transition(
      { status: row.status, stepIndex: row.current_step_index, nextRunAt: row.next_run_at, exitReason: row.exit_reason },
      { type: "deliveryFailed", reason },
    );
    // An enrollment that already exited (unsubscribe, unenroll) keeps its outcome.
    if (result.ok) failed.push({ id: row.id, versionId: row.sequence_version_id, stepKey: row.current_step_key, reason });
  }
  if (failed.length === 0) return;
  await client.query(
    `UPDATE enrollments e SET status = 'failed', next_run_at = NULL, exit_reason = u.reason, finished_at = $3, updated_at = $3
     FROM unnest($1::uuid[], $2::text[]) AS u(id, reason) WHERE e.id = u.id`,
    [failed.map((f) => f.id), failed.map((f) => f.reason), now],
  );
  await client.query(
    `INSERT INTO enrollment_events (enrollment_id, sequence_version_id, step_key, type, detail, at)
     SELECT u.id, u.version_id, u.step_key, 'failed', jsonb_build_object('reason', u.reason), $5
     FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[]) AS u(id, version_id, step_key, reason)`,
    [failed.map((f) => f.id), failed.map((f) => f.versionId), failed.map((f) => f.stepKey), failed.map((f) => f.reason), now],
  );
}

async function insertMessageEvents(
  client: pg.PoolClient,
  type: "message_sent" | "message_failed",
  items: readonly { message: MessageRow; detail: Record<string, unknown> }[],
  now: Date,
): Promise<void> {
  await client.query(
    `INSERT INTO enrollment_events (enrollment_id, sequence_version_id, step_key, type, detail, at)
     SELECT u.enrollment_id, u.version_id, u.step_key, $5::"EventType", u.detail, $6
     FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::jsonb[]) AS u(enrollment_id, version_id, step_key, detail)`,
    [
      items.map((i) => i.message.enrollment_id),
      items.map((i) => i.message.sequence_version_id),
      items.map((i) => i.message.step_key),
      items.map((i) => JSON.stringify(i.detail)),
      type,
      now,
    ],
  );
}
