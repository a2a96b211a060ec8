import type pg from "pg";
import type { BatchPlan } from "./plan-batch";

/**
 * Writes a planned batch with one statement per table (arrays unnested server-side), so a
 * batch of 500 enrollments costs a handful of round trips, not thousands. Every execution row
 * carries its "<pass>:<step key>" and conflicts are ignored: a repeat can never write twice.
 * Returns the ids of the messages actually inserted (they need delivery).
 */
export async function writeBatch(client: pg.PoolClient, plan: BatchPlan, now: Date): Promise<string[]> {
  const { events, messages, tasks, updates } = plan;

  if (events.length > 0) {
    await client.query(
      `INSERT INTO enrollment_events (enrollment_id, sequence_version_id, step_key, step_index, type, execution_key, detail, at)
       SELECT u.enrollment_id, u.version_id, u.step_key, u.step_index, u.type::"EventType", u.execution_key, u.detail, $8
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[], $5::text[], $6::text[], $7::jsonb[])
         AS u(enrollment_id, version_id, step_key, step_index, type, execution_key, detail)
       ON CONFLICT (enrollment_id, execution_key) DO NOTHING`,
      [
        events.map((e) => e.enrollmentId),
        events.map((e) => e.versionId),
        events.map((e) => e.stepKey),
        events.map((e) => e.stepIndex),
        events.map((e) => e.type),
        events.map((e) => e.executionKey),
        events.map((e) => JSON.stringify(e.detail)),
        now,
      ],
    );
  }

  let messageIds: string[] = [];
  if (messages.length > 0) {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO messages (enrollment_id, sequence_version_id, step_key, execution_key, channel, "to", subject, body, created_at)
       SELECT u.enrollment_id, u.version_id, u.step_key, u.execution_key, u.channel::"Channel", u.recipient, u.subject, u.body, $9
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
         AS u(enrollment_id, version_id, step_key, execution_key, channel, recipient, subject, body)
       ON CONFLICT (enrollment_id, execution_key) DO NOTHING
       RETURNING id`,
      [
        messages.map((m) => m.enrollmentId),
        messages.map((m) => m.versionId),
        messages.map((m) => m.stepKey),
        messages.map((m) => m.executionKey),
        messages.map((m) => m.channel),
        messages.map((m) => m.to),
        messages.map((m) => m.subject),
        messages.map((m) => m.body),
        now,
      ],
    );
    messageIds = rows.map((r) => r.id);
  }

  if (tasks.length > 0) {
    await client.query(
      `INSERT INTO tasks (enrollment_id, sequence_version_id, step_key, execution_key, title, note, due_at, created_at)
       SELECT u.enrollment_id, u.version_id, u.step_key, u.execution_key, u.title, u.note, $7, $7
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[])
         AS u(enrollment_id, version_id, step_key, execution_key, title, note)
       ON CONFLICT (enrollment_id, execution_key) DO NOTHING`,
      [
        tasks.map((t) => t.enrollmentId),
        tasks.map((t) => t.versionId),
        tasks.map((t) => t.stepKey),
        tasks.map((t) => t.executionKey),
        tasks.map((t) => t.title),
        tasks.map((t) => t.note),
        now,
      ],
    );
  }

  if (updates.length > 0) {
    await client.query(
      `UPDATE enrollments e
       SET current_step_index = u.step_index, current_step_key = u.step_key, next_run_at = u.next_run_at,
           status = u.status::"EnrollmentStatus", exit_reason = u.exit_reason,
           finished_at = CASE WHEN u.finished THEN $8::timestamptz ELSE e.finished_at END, updated_at = $8
       FROM unnest($1::uuid[], $2::int[], $3::text[], $4::timestamptz[], $5::text[], $6::text[], $7::bool[])
         AS u(id, step_index, step_key, next_run_at, status, exit_reason, finished)
       WHERE e.id = u.id`,
      [
        updates.map((u) => u.id),
        updates.map((u) => u.stepIndex),
        updates.map((u) => u.stepKey),
        updates.map((u) => u.nextRunAt),
        updates.map((u) => u.status),
        updates.map((u) => u.exitReason),
        updates.map((u) => u.finished),
        now,
      ],
    );
  }
  return messageIds;
}
