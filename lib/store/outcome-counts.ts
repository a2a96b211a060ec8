import type { Sql } from "./sql";

// Outcome counters (table outcome_counts), written only here and only inside the statement that
// writes the rows they count: a statement's new timeline rows (and new messages, for `sent`) are
// turned into (version, step, UTC day, metric) deltas by the database function
// sequencer_event_outcomes (migration *_outcome_counters, the one definition of what counts),
// aggregated, and applied in ONE upsert per statement, whatever the number of rows. Rows are
// upserted in key order so two transactions touching the same counters take their row locks in
// the same order (no deadlock between them).

/** Deltas (version_id, step_key, day, metric, delta) from a relation of inserted timeline rows. */
export function eventDeltas(relation: string): string {
  return `
    SELECT o.version_id, o.step_key, (ev.at AT TIME ZONE 'UTC')::date AS day, o.metric, o.delta
    FROM ${relation} ev
    CROSS JOIN LATERAL sequencer_event_outcomes(ev.enrollment_id, ev.sequence_version_id, ev.step_key, ev.type, ev.detail, ev.at) o`;
}

/** `sent` deltas from a relation of inserted messages (sequence_version_id, step_key, created_at). */
export function messageDeltas(relation: string): string {
  return `
    SELECT m.sequence_version_id AS version_id, m.step_key, (m.created_at AT TIME ZONE 'UTC')::date AS day, 'sent'::text AS metric, 1 AS delta
    FROM ${relation} m`;
}

/** A data-modifying CTE body: one upsert of the summed deltas. Constant text, built at module load. */
export function upsertCounts(deltas: string): string {
  return `
    INSERT INTO outcome_counts AS oc (sequence_id, sequence_version_id, step_key, day, metric, count)
    SELECT v.sequence_id, d.version_id, d.step_key, d.day, d.metric, sum(d.delta)
    FROM (${deltas}) d JOIN sequence_versions v ON v.id = d.version_id
    GROUP BY v.sequence_id, d.version_id, d.step_key, d.day, d.metric
    HAVING sum(d.delta) <> 0
    ORDER BY d.version_id, d.step_key, d.metric, d.day
    ON CONFLICT (sequence_version_id, step_key, metric, day) DO UPDATE SET count = oc.count + EXCLUDED.count`;
}

/** The columns a counted event CTE must return. */
export const EVENT_RETURNING = "RETURNING enrollment_id, sequence_version_id, step_key, type, detail, at";

const REBUILD = `
  INSERT INTO outcome_counts (sequence_id, sequence_version_id, step_key, day, metric, count)
  SELECT v.sequence_id, d.version_id, d.step_key, d.day, d.metric, sum(d.delta)
  FROM (${eventDeltas("enrollment_events")} UNION ALL ${messageDeltas("messages")}) d
  JOIN sequence_versions v ON v.id = d.version_id
  GROUP BY v.sequence_id, d.version_id, d.step_key, d.day, d.metric
  HAVING sum(d.delta) <> 0`;

/**
 * Recomputes every counter from the raw rows (what the migration's backfill did). For bulk
 * generators that write raw rows (scripts/seed-large.ts) and for tests; takes a full table lock
 * so no counted write interleaves.
 */
export async function rebuildOutcomeCounts(sql: Sql): Promise<void> {
  await sql.query("LOCK TABLE outcome_counts IN EXCLUSIVE MODE", []);
  await sql.query("DELETE FROM outcome_counts", []);
  await sql.query(REBUILD, []);
}
