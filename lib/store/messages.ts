import { columns, selectList, type MessageRow } from "./rows";
import { EVENT_RETURNING, eventDeltas, messageDeltas, upsertCounts } from "./outcome-counts";
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
  "attempts",
);
export type OutgoingMessageRow = Pick<MessageRow, (typeof OUTGOING_COLUMNS)[number]>;

/** Which due messages a delivery claim takes: undefined = all; otherwise only these. */
export type MessageScope = {
  sequenceIds?: readonly string[];
  enrollmentIds?: readonly string[];
  messageIds?: readonly string[];
};

// A new message is due at once: next_attempt_at = its creation time. Each new one counts `sent`.
const INSERT_MESSAGES = `
  WITH inserted AS (
    INSERT INTO messages (enrollment_id, sequence_version_id, step_key, execution_key, channel, "to", subject, body, created_at, next_attempt_at)
    SELECT u.enrollment_id, u.version_id, u.step_key, u.execution_key, u.channel::"Channel", u.recipient, u.subject, u.body, $9::timestamptz, $9::timestamptz
    FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
      AS u(enrollment_id, version_id, step_key, execution_key, channel, recipient, subject, body)
    ON CONFLICT (enrollment_id, execution_key) DO NOTHING
    RETURNING id, sequence_version_id, step_key, created_at
  ), counted AS (${upsertCounts(messageDeltas("inserted"))})
  SELECT id FROM inserted`;

// The delivery claim: due queued messages (partial index messages_due), locked until the
// delivery transaction ends, skipping rows another deliverer holds. The scope parameters are
// NULL for "all" and the statement is unnamed, so PostgreSQL plans it with the values and the
// NULL tests fold away (see CLAIM_DUE in claim.ts).
const CLAIM_DUE_MESSAGES = `
  SELECT ${selectList("m", OUTGOING_COLUMNS)} FROM messages m
  WHERE m.status = 'queued' AND m.next_attempt_at <= $1
    AND ($3::uuid[] IS NULL OR m.enrollment_id IN (SELECT e.id FROM enrollments e WHERE e.sequence_id = ANY($3::uuid[])))
    AND ($4::uuid[] IS NULL OR m.enrollment_id = ANY($4::uuid[]))
    AND ($5::uuid[] IS NULL OR m.id = ANY($5::uuid[]))
  ORDER BY m.next_attempt_at
  LIMIT $2
  FOR UPDATE OF m SKIP LOCKED`;

// The status change, its timeline rows and their counters (`delivered`) in one statement: one
// round trip per delivery batch.
const MARK_SENT = `
  WITH sent AS (
    UPDATE messages SET status = 'sent', sent_at = $2, attempts = attempts + 1, last_error = NULL, next_attempt_at = NULL
    WHERE id = ANY($1::uuid[]) AND status = 'queued'
    RETURNING id, enrollment_id, sequence_version_id, step_key, channel
  ), events AS (
    INSERT INTO enrollment_events (enrollment_id, sequence_version_id, step_key, type, detail, at)
    SELECT enrollment_id, sequence_version_id, step_key, 'message_sent', jsonb_build_object('messageId', id, 'channel', channel), $2
    FROM sent
    ${EVENT_RETURNING}
  ), counted AS (${upsertCounts(eventDeltas("events"))})
  SELECT count(*)::int AS sent FROM events`;

// A NULL retry time means "no more attempts": the message fails.
// Each failed attempt is also kept (message_attempts) for the message page's attempt list.
const MARK_ATTEMPT = `
  WITH counted AS (
    UPDATE messages m
    SET status = CASE WHEN u.retry_at IS NULL THEN 'failed'::"MessageStatus" ELSE m.status END,
        attempts = m.attempts + 1, last_error = u.error, next_attempt_at = u.retry_at
    FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS u(id, error, retry_at)
    WHERE m.id = u.id AND m.status = 'queued'
    RETURNING m.id, m.attempts, u.error, u.retry_at
  )
  INSERT INTO message_attempts (message_id, attempt, at, outcome, error)
  SELECT id, attempts, $4, CASE WHEN retry_at IS NULL THEN 'failed' ELSE 'retrying' END, error FROM counted
  ON CONFLICT DO NOTHING`;

/** Queues messages, due at `at`; returns the ids actually inserted. */
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

/**
 * Locks up to `limit` queued messages due at `now` (FOR UPDATE SKIP LOCKED) for the rest of the
 * caller's transaction. The locks are the only "being sent" marker: they vanish with a crashed
 * connection, so a healthy deliverer claims the rows on its next poll.
 */
export function claimDueMessages(
  sql: Sql,
  options: { now: Date; limit: number; scope?: MessageScope },
): Promise<OutgoingMessageRow[]> {
  const scope = options.scope;
  return sql.query<OutgoingMessageRow>(CLAIM_DUE_MESSAGES, [
    options.now,
    options.limit,
    scope?.sequenceIds ? [...scope.sequenceIds] : null,
    scope?.enrollmentIds ? [...scope.enrollmentIds] : null,
    scope?.messageIds ? [...scope.messageIds] : null,
  ]);
}

/** Marks queued messages sent and appends their `message_sent` events ({ messageId, channel }). */
export async function markMessagesSent(sql: Sql, ids: readonly string[], at: Date): Promise<void> {
  if (ids.length > 0) await sql.query(MARK_SENT, [[...ids], at]);
}

/**
 * Counts a failed attempt: with a `retryAt` the message stays queued and is due again then;
 * with `retryAt: null` it is failed for good.
 */
export async function markMessageAttempts(
  sql: Sql,
  failures: readonly { id: string; error: string; retryAt: Date | null }[],
  at: Date = new Date(),
): Promise<void> {
  if (failures.length === 0) return;
  await sql.query(MARK_ATTEMPT, [
    failures.map((f) => f.id),
    failures.map((f) => f.error),
    failures.map((f) => f.retryAt),
    at,
  ]);
}
