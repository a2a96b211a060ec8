import { columns, selectList, type MessageRow } from "./rows";
import type { Sql } from "./sql";

/** A rendered message to queue; its execution key makes a repeat a no-op. */
export type NewMessage = {
  enrollmentId: string;
  versionId: string;
  stepKey: string;
  executionKey: string;
  channel: MessageRow["channel"];
  to: string;
  subject: string | null;
  body: string;
};

const OUTGOING_COLUMNS = columns<MessageRow>()(
  "id",
  "enrollment_id",
  "sequence_version_id",
  "step_key",
  "channel",
  "to",
  "subject",
  "body",
);
export type OutgoingMessageRow = Pick<MessageRow, (typeof OUTGOING_COLUMNS)[number]>;

const INSERT_MESSAGES = `
  INSERT INTO messages (enrollment_id, sequence_version_id, step_key, execution_key, channel, "to", subject, body, created_at)
  SELECT u.enrollment_id, u.version_id, u.step_key, u.execution_key, u.channel::"Channel", u.recipient, u.subject, u.body, $9::timestamptz
  FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
    AS u(enrollment_id, version_id, step_key, execution_key, channel, recipient, subject, body)
  ON CONFLICT (enrollment_id, execution_key) DO NOTHING
  RETURNING id`;

// Rows stay locked while they are sent, so two delivery jobs never send one message at once.
const LOCK_QUEUED = `
  SELECT ${selectList("m", OUTGOING_COLUMNS)} FROM messages m
  WHERE m.id = ANY($1::uuid[]) AND m.status = 'queued' ORDER BY m.id FOR UPDATE`;

// The status change and its timeline rows in one statement: one round trip per delivery job.
const MARK_SENT = `
  WITH sent AS (
    UPDATE messages SET status = 'sent', sent_at = $2, attempts = attempts + 1, last_error = NULL
    WHERE id = ANY($1::uuid[])
    RETURNING id, enrollment_id, sequence_version_id, step_key, channel
  )
  INSERT INTO enrollment_events (enrollment_id, sequence_version_id, step_key, type, detail, at)
  SELECT enrollment_id, sequence_version_id, step_key, 'message_sent', jsonb_build_object('messageId', id, 'channel', channel), $2
  FROM sent`;

const MARK_ATTEMPT = `
  UPDATE messages m SET status = CASE WHEN $3::bool THEN 'failed'::"MessageStatus" ELSE m.status END, attempts = m.attempts + 1, last_error = u.error
  FROM unnest($1::uuid[], $2::text[]) AS u(id, error) WHERE m.id = u.id`;

/** Queues messages; returns the ids actually inserted (they need a delivery job). */
export async function insertMessages(sql: Sql, messages: readonly NewMessage[], at: Date): Promise<string[]> {
  if (messages.length === 0) return [];
  const rows = await sql.query<{ id: string }>(INSERT_MESSAGES, [
    messages.map((m) => m.enrollmentId),
    messages.map((m) => m.versionId),
    messages.map((m) => m.stepKey),
    messages.map((m) => m.executionKey),
    messages.map((m) => m.channel),
    messages.map((m) => m.to),
    messages.map((m) => m.subject),
    messages.map((m) => m.body),
    at,
  ]);
  return rows.map((r) => r.id);
}

export function lockQueuedMessages(sql: Sql, ids: readonly string[]): Promise<OutgoingMessageRow[]> {
  return sql.query<OutgoingMessageRow>(LOCK_QUEUED, [[...ids]]);
}

/** Marks messages sent and appends their `message_sent` events ({ messageId, channel }). */
export async function markMessagesSent(sql: Sql, ids: readonly string[], at: Date): Promise<void> {
  if (ids.length > 0) await sql.query(MARK_SENT, [[...ids], at]);
}

/** Counts a failed attempt; `final` also marks the messages failed (no more retries). */
export async function markMessageAttemptsFailed(
  sql: Sql,
  failures: readonly { id: string; error: string }[],
  final: boolean,
): Promise<void> {
  if (failures.length === 0) return;
  await sql.query(MARK_ATTEMPT, [failures.map((f) => f.id), failures.map((f) => f.error), final]);
}
