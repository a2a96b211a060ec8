import { executionKey } from "./execution-key";
import type { EventRow } from "./rows";
import { EVENT_RETURNING, eventDeltas, upsertCounts } from "./outcome-counts";
import type { Sql } from "./sql";

/** One timeline row to append; `at` is the batch's time. Column types come from the Prisma model. */
export type NewEvent = {
  enrollmentId: EventRow["enrollment_id"];
  versionId: EventRow["sequence_version_id"];
  stepKey: EventRow["step_key"];
  stepIndex: EventRow["step_index"];
  type: EventRow["type"];
  executionKey?: EventRow["execution_key"];
  /** Serialised once with JSON.stringify; jsonb parses it server-side. */
  detail?: Record<string, unknown>;
};

// Execution rows carry their "<pass>:<step key>" and a repeat is ignored, never written twice.
// The outcome counters of the rows actually inserted move in the same statement (one upsert).
const INSERT_EVENTS = `
  WITH inserted AS (
    INSERT INTO enrollment_events (enrollment_id, sequence_version_id, step_key, step_index, type, execution_key, detail, at)
    SELECT u.enrollment_id, u.version_id, u.step_key, u.step_index, u.type::"EventType", u.execution_key, u.detail::jsonb, $8::timestamptz
    FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[])
      AS u(enrollment_id, version_id, step_key, step_index, type, execution_key, detail)
    ON CONFLICT (enrollment_id, execution_key) DO NOTHING
    ${EVENT_RETURNING}
  ), counted AS (${upsertCounts(eventDeltas("inserted"))})
  SELECT count(*)::int AS inserted FROM inserted`;

/** Appends timeline events and counts them (outcome_counts), one statement for any number of them. */
export async function insertEvents(sql: Sql, events: readonly NewEvent[], at: Date): Promise<void> {
  if (events.length === 0) return;
  await sql.query(INSERT_EVENTS, [
    events.map((e) => e.enrollmentId),
    events.map((e) => e.versionId),
    events.map((e) => e.stepKey),
    events.map((e) => e.stepIndex),
    events.map((e) => e.type),
    events.map((e) => e.executionKey ?? null),
    events.map((e) => JSON.stringify(e.detail ?? {})),
    at,
  ]);
}

const EXECUTED_UNDER_PASS = `
  SELECT u.id FROM unnest($1::uuid[], $2::text[]) AS u(id, prefix)
  WHERE EXISTS (SELECT 1 FROM enrollment_events ev
                WHERE ev.enrollment_id = u.id AND ev.type = 'step_executed' AND starts_with(ev.execution_key, u.prefix))`;

/** Which of these enrollments executed any step under the given pass (undo asks "anything since the move?"). */
export async function executedUnderPass(
  sql: Sql,
  items: readonly { enrollmentId: string; pass: number }[],
): Promise<Set<string>> {
  if (items.length === 0) return new Set();
  const rows = await sql.query<{ id: string }>(EXECUTED_UNDER_PASS, [
    items.map((i) => i.enrollmentId),
    items.map((i) => executionKey(i.pass, "")),
  ]);
  return new Set(rows.map((r) => r.id));
}
