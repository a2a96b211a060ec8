// Seeds sequences, versions, contacts and enrollments for the step-runner tests, in bulk with
// plain SQL (thousands of rows in a few statements), in the shape the enroll service writes.
//
// All integration files share one database and the runner claims *every* due enrollment, so each
// runner test works in a time window of its own, in the past, where no other file's enrollments
// fall due: delivery-smtp 1990, delivery-outbox 1991, runner-concurrency 1999 and 2001,
// enrollment-actions 2010, runner-versions 2020; the process tests (runner-crash) use real time.
// Assertions still filter by their own sequence or enrollment ids.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { contentHash } from "@/lib/domain/canonical-hash";
import { versionContentSchema, type StepInput } from "@/lib/domain/steps";

export function testPool(max = 5): pg.Pool {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max });
  pool.on("error", () => {});
  pool.on("connect", (client) => client.on("error", () => {}));
  return pool;
}

type Settings = { exitOnReply?: boolean; exitOnUnsubscribe?: boolean };

export async function createSequence(pool: pg.Pool, name = `seq-${randomUUID().slice(0, 8)}`): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(`INSERT INTO sequences (name, status) VALUES ($1, 'active') RETURNING id`, [name]);
  return rows[0]!.id;
}

/** Publishes a version row directly (what the publish service does) and makes it active. */
export async function createVersion(
  pool: pg.Pool,
  options: { sequenceId: string; number: number; steps: StepInput[]; settings?: Settings; parentVersionId?: string | null },
): Promise<string> {
  const content = versionContentSchema.parse({ steps: options.steps, settings: options.settings ?? {} });
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO sequence_versions (sequence_id, number, content, content_hash, parent_version_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [options.sequenceId, options.number, JSON.stringify(content), contentHash(content), options.parentVersionId ?? null],
  );
  const id = rows[0]!.id;
  await pool.query(`UPDATE sequences SET active_version_id = $2 WHERE id = $1`, [options.sequenceId, id]);
  return id;
}

export async function createSequenceWithVersion(pool: pg.Pool, steps: StepInput[], settings?: Settings) {
  const sequenceId = await createSequence(pool);
  const versionId = await createVersion(pool, { sequenceId, number: 1, steps, settings });
  return { sequenceId, versionId };
}

/** `count` contacts named First<i> Last<i>, with a phone; returns their ids in order. */
export async function createContacts(pool: pg.Pool, count: number, prefix = `c${randomUUID().slice(0, 8)}`): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO contacts (email, first_name, last_name, phone)
     SELECT $1 || '-' || i || '@test.example', 'First' || i, 'Last' || i, '+1555' || lpad(i::text, 7, '0')
     FROM generate_series(1, $2::int) AS i
     ORDER BY i
     RETURNING id`,
    [prefix, count],
  );
  return rows.map((r) => r.id);
}

/** Enrollments as the enroll service creates them: active, step 0, due at `at`, pass 0, plus an `enrolled` event. */
export async function enroll(
  pool: pg.Pool,
  options: { sequenceId: string; versionId: string; contactIds: readonly string[]; at: Date; firstStepKey: string },
): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO enrollments (contact_id, sequence_id, sequence_version_id, current_step_key, current_step_index, status, next_run_at, enrolled_at, pass)
     SELECT c, $2, $3, $4, 0, 'active', $5, $5, 0 FROM unnest($1::uuid[]) WITH ORDINALITY AS u(c, n) ORDER BY n
     RETURNING id`,
    [options.contactIds, options.sequenceId, options.versionId, options.firstStepKey, options.at],
  );
  const ids = rows.map((r) => r.id);
  await pool.query(
    `INSERT INTO enrollment_events (enrollment_id, sequence_version_id, step_key, step_index, type, at)
     SELECT e, $2, $3, 0, 'enrolled', $4 FROM unnest($1::uuid[]) AS e`,
    [ids, options.versionId, options.firstStepKey, options.at],
  );
  return ids;
}

export type TimelineRow = { type: string; step_key: string | null; step_index: number | null; sequence_version_id: string | null; execution_key: string | null; at: Date };

export async function timeline(pool: pg.Pool, enrollmentId: string): Promise<TimelineRow[]> {
  const { rows } = await pool.query<TimelineRow>(
    `SELECT type::text AS type, step_key, step_index, sequence_version_id, execution_key, at FROM enrollment_events WHERE enrollment_id = $1 ORDER BY at, id`,
    [enrollmentId],
  );
  return rows;
}

export async function countWhere(pool: pg.Pool, sql: string, params: unknown[]): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(sql, params);
  return Number(rows[0]!.n);
}

export const DAY = 24 * 60 * 60 * 1000;
export const HOUR = 60 * 60 * 1000;
