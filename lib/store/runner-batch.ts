import type { NewEvent } from "./events";
import type { NewMessage } from "./messages";
import type { StateSave } from "./save-state";
import { EVENT_RETURNING, eventDeltas, messageDeltas, upsertCounts } from "./outcome-counts";
import type { Sql } from "./sql";
import { isFinished } from "@/lib/domain/enrollment-status";
import { defaultDueAt } from "@/lib/domain/tasks";
import { TASK_OWNER_JOIN, type NewTask } from "./tasks";

export type RunnerWrites = {
  events: readonly NewEvent[];
  messages: readonly NewMessage[];
  tasks: readonly NewTask[];
  saves: readonly StateSave[];
};

// The runner's whole batch in one statement (one round trip, one plan): the same rows and rules
// as insertEvents, insertMessages, insertTasks and saveStates, whose single-purpose statements
// the services use, and the batch's outcome counters (one upsert for the whole batch).
// Data-modifying CTEs all run exactly once, whether referenced or not. Every
// execution row carries its "<pass>:<step key>" and conflicts are ignored: a repeat never writes twice.
const WRITE_BATCH = `
  WITH events AS (
    INSERT INTO enrollment_events (enrollment_id, sequence_version_id, step_key, step_index, type, execution_key, detail, at)
    SELECT u.enrollment_id, u.version_id, u.step_key, u.step_index, u.type::"EventType", u.execution_key, u.detail::jsonb, $1::timestamptz
    FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[])
      AS u(enrollment_id, version_id, step_key, step_index, type, execution_key, detail)
    ON CONFLICT (enrollment_id, execution_key) DO NOTHING
    ${EVENT_RETURNING}
  ), messages AS (
    INSERT INTO messages (enrollment_id, sequence_version_id, step_key, execution_key, channel, "to", subject, body, created_at, next_attempt_at)
    SELECT u.enrollment_id, u.version_id, u.step_key, u.execution_key, u.channel::"Channel", u.recipient, u.subject, u.body, $1::timestamptz, $1::timestamptz
    FROM unnest($9::uuid[], $10::uuid[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[])
      AS u(enrollment_id, version_id, step_key, execution_key, channel, recipient, subject, body)
    ON CONFLICT (enrollment_id, execution_key) DO NOTHING
    RETURNING id, sequence_version_id, step_key, created_at
  ), tasks AS (
    INSERT INTO tasks (enrollment_id, sequence_version_id, step_key, execution_key, title, note, due_at, created_at, assignee_id)
    SELECT u.enrollment_id, u.version_id, u.step_key, u.execution_key, u.title, u.note, $32::timestamptz, $1::timestamptz, task_owner.id
    FROM unnest($17::uuid[], $18::uuid[], $19::text[], $20::text[], $21::text[], $22::text[])
      AS u(enrollment_id, version_id, step_key, execution_key, title, note)
    ${TASK_OWNER_JOIN}
    ON CONFLICT (enrollment_id, execution_key) DO NOTHING
  ), saved AS (
    UPDATE enrollments e
    SET sequence_version_id = u.version_id, pass = u.pass, current_step_index = u.step_index, current_step_key = u.step_key,
        next_run_at = u.next_run_at, status = u.status::"EnrollmentStatus", exit_reason = u.exit_reason,
        finished_at = CASE WHEN u.finished THEN coalesce(e.finished_at, $1::timestamptz) END, updated_at = $1::timestamptz
    FROM unnest($23::uuid[], $24::uuid[], $25::int[], $26::int[], $27::text[], $28::timestamptz[], $29::text[], $30::text[], $31::bool[])
      AS u(id, version_id, pass, step_index, step_key, next_run_at, status, exit_reason, finished)
    WHERE e.id = u.id
  ), counted AS (${upsertCounts(`${eventDeltas("events")} UNION ALL ${messageDeltas("messages")}`)})
  SELECT id FROM messages`;

/**
 * Writes a planned runner batch (events, messages, tasks, the enrollments' new states) in one
 * set-based statement, so a batch of 500 enrollments costs one round trip, not thousands.
 * Returns the ids of the messages actually inserted (queued, due at `now`).
 */
export async function writeRunnerBatch(sql: Sql, writes: RunnerWrites, now: Date): Promise<string[]> {
  const { events, messages, tasks, saves } = writes;
  const rows = await sql.query<{ id: string }>(WRITE_BATCH, [
    now,
    events.map((e) => e.enrollmentId),
    events.map((e) => e.versionId),
    events.map((e) => e.stepKey),
    events.map((e) => e.stepIndex),
    events.map((e) => e.type),
    events.map((e) => e.executionKey ?? null),
    events.map((e) => JSON.stringify(e.detail ?? {})),
    messages.map((m) => m.enrollmentId),
    messages.map((m) => m.versionId),
    messages.map((m) => m.stepKey),
    messages.map((m) => m.executionKey),
    messages.map((m) => m.channel),
    messages.map((m) => m.to),
    messages.map((m) => m.subject),
    messages.map((m) => m.body),
    tasks.map((t) => t.enrollmentId),
    tasks.map((t) => t.versionId),
    tasks.map((t) => t.stepKey),
    tasks.map((t) => t.executionKey),
    tasks.map((t) => t.title),
    tasks.map((t) => t.note),
    saves.map((s) => s.id),
    saves.map((s) => s.versionId),
    saves.map((s) => s.pass),
    saves.map((s) => s.state.stepIndex),
    saves.map((s) => s.stepKey),
    saves.map((s) => s.state.nextRunAt),
    saves.map((s) => s.state.status),
    saves.map((s) => s.state.exitReason),
    saves.map((s) => isFinished(s.state.status)),
    defaultDueAt(now),
  ]);
  return rows.map((r) => r.id);
}

/** The organisation row, read once per batch: its zone (default for contacts, the caps' day) and caps. */
export type RunnerSettings = { timeZone: string; dailyEmailCap: number | null; dailySmsCap: number | null };

const RUNNER_SETTINGS = `
  SELECT time_zone AS "timeZone", daily_email_cap AS "dailyEmailCap", daily_sms_cap AS "dailySmsCap"
  FROM organization_settings WHERE id = true`;

export async function readRunnerSettings(sql: Sql): Promise<RunnerSettings> {
  const rows = await sql.query<RunnerSettings>(RUNNER_SETTINGS, []);
  return rows[0] ?? { timeZone: "UTC", dailyEmailCap: null, dailySmsCap: null };
}

// Capped batches take this transaction-scoped lock before counting, so two workers cannot both
// see room under a cap and overshoot it; uncapped batches never take it.
const LOCK_CAPS = "SELECT pg_advisory_xact_lock(hashtext('sequencer.daily_caps'))";

// One aggregate per capped batch over the day's messages (index messages_created_at_idx on created_at).
const SENT_IN_RANGE = `
  SELECT v.sequence_id AS "sequenceId",
         count(*) FILTER (WHERE m.channel = 'email')::int AS email,
         count(*) FILTER (WHERE m.channel = 'sms')::int AS sms
  FROM messages m JOIN sequence_versions v ON v.id = m.sequence_version_id
  WHERE m.created_at >= $1 AND m.created_at < $2
  GROUP BY v.sequence_id`;

/**
 * Messages queued in [from, to) (the organisation's local day), per sequence and channel, after
 * taking the caps lock (held until the caller's transaction ends).
 */
export async function countSentPerSequence(
  sql: Sql,
  from: Date,
  to: Date,
): Promise<Map<string, { email: number; sms: number }>> {
  await sql.query(LOCK_CAPS, []);
  const rows = await sql.query<{ sequenceId: string; email: number; sms: number }>(SENT_IN_RANGE, [from, to]);
  return new Map(rows.map((r) => [r.sequenceId, { email: r.email, sms: r.sms }]));
}
