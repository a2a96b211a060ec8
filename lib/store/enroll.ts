import { startEnrollment } from "@/lib/domain/enrollment-machine";
import { EVENT_RETURNING, eventDeltas, upsertCounts } from "./outcome-counts";
import type { Sql } from "./sql";

// One set-based statement per chunk: the enrollments (state from the machine's startEnrollment)
// and their `enrolled` events (counted in outcome_counts); the partial unique index skips contacts
// already in flight.
const ENROLL_CHUNK = `
  WITH input AS (
    SELECT unnest($1::uuid[]) AS contact_id
  ), found AS (
    SELECT c.id, c.unsubscribed_at FROM contacts c JOIN input ON input.contact_id = c.id
  ), inserted AS (
    INSERT INTO enrollments (contact_id, sequence_id, sequence_version_id, current_step_index, current_step_key, status, next_run_at, enrolled_at, enrolled_by_id, updated_at)
    SELECT found.id, $2::uuid, $3::uuid, $6::int, $4::text, $7::"EnrollmentStatus", $8::timestamptz, $5::timestamptz, $9::uuid, $5::timestamptz
    FROM found WHERE found.unsubscribed_at IS NULL
    ON CONFLICT (contact_id, sequence_id) WHERE status IN ('active', 'paused') DO NOTHING
    RETURNING id
  ), events AS (
    INSERT INTO enrollment_events (enrollment_id, sequence_version_id, step_index, step_key, type, at, detail)
    SELECT inserted.id, $3::uuid, $6::int, $4::text, 'enrolled', $5::timestamptz, '{}'::jsonb FROM inserted
    ${EVENT_RETURNING}
  ), counted AS (${upsertCounts(eventDeltas("events"))})
  SELECT (SELECT count(*) FROM found)::int AS found,
         (SELECT count(*) FROM found WHERE unsubscribed_at IS NOT NULL)::int AS unsubscribed,
         (SELECT count(*) FROM events)::int AS enrolled`;

export type EnrollChunkCounts = { found: number; unsubscribed: number; enrolled: number };

/** Enrolls `contactIds` pinned to `versionId` (the caller holds the sequence row share-locked). */
export async function insertEnrollments(
  sql: Sql,
  options: {
    sequenceId: string;
    versionId: string;
    firstStepKey: string | null;
    contactIds: readonly string[];
    actorId: string | null;
    now: Date;
  },
): Promise<EnrollChunkCounts> {
  const start = startEnrollment(options.now);
  const rows = await sql.query<EnrollChunkCounts>(ENROLL_CHUNK, [
    [...options.contactIds],
    options.sequenceId,
    options.versionId,
    options.firstStepKey,
    options.now,
    start.stepIndex,
    start.status,
    start.nextRunAt,
    options.actorId,
  ]);
  return rows[0] ?? { found: 0, unsubscribed: 0, enrolled: 0 };
}
