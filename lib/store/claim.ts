import type { EnrollmentState } from "@/lib/domain/enrollment-machine";
import { columns, selectList, type ContactRow, type EnrollmentRow } from "./rows";
import type { Sql } from "./sql";

// Claiming and locking enrollments: the only places that take their row locks.

const ENROLLMENT_COLUMNS = columns<EnrollmentRow>()(
  "id",
  "status",
  "current_step_index",
  "current_step_key",
  "next_run_at",
  "exit_reason",
  "pass",
  "sequence_id",
  "sequence_version_id",
  "contact_id",
);
const CLAIM_CONTACT_COLUMNS = columns<ContactRow>()(
  "email",
  "first_name",
  "last_name",
  "phone",
  "attributes",
  "time_zone",
  "unsubscribed_at",
);

/** An enrollment row as the store reads it (locked for the rest of the transaction). */
export type LockedEnrollment = Pick<EnrollmentRow, (typeof ENROLLMENT_COLUMNS)[number]> & Pick<ContactRow, "email">;
/** A claimed due enrollment joined with what rendering its messages needs from the contact. */
export type ClaimedEnrollment = LockedEnrollment & Pick<ContactRow, (typeof CLAIM_CONTACT_COLUMNS)[number]>;

/** Which due work a runner takes: undefined = all of it; otherwise only these sequences / enrollments. */
export type ClaimScope = { sequenceIds?: readonly string[]; enrollmentIds?: readonly string[] };

const ENROLLMENT_SELECT = selectList("e", ENROLLMENT_COLUMNS);

// Ties on the due time are taken in enrollment order (uuidv7 ids): daily caps roll over the later ones.
// The scope parameters are NULL for "all": unnamed statements are planned with their values, so
// the NULL tests fold away and the partial index enrollments_due still drives the claim.
const CLAIM_DUE = `
  SELECT ${ENROLLMENT_SELECT}, ${selectList("c", CLAIM_CONTACT_COLUMNS)}
  FROM enrollments e JOIN contacts c ON c.id = e.contact_id
  WHERE e.status = 'active' AND e.next_run_at <= $1
    AND ($3::uuid[] IS NULL OR e.sequence_id = ANY($3::uuid[]))
    AND ($4::uuid[] IS NULL OR e.id = ANY($4::uuid[]))
  ORDER BY e.next_run_at, e.id
  LIMIT $2
  FOR UPDATE OF e SKIP LOCKED`;

const LOCK_ONE = `
  SELECT ${ENROLLMENT_SELECT}, c.email
  FROM enrollments e JOIN contacts c ON c.id = e.contact_id
  WHERE e.id = $1::uuid
  FOR UPDATE OF e`;

// A fixed (id) order: two services locking several rows never deadlock each other.
const LOCK_LIVE_OF_CONTACT = `
  SELECT ${ENROLLMENT_SELECT}, c.email
  FROM enrollments e JOIN contacts c ON c.id = e.contact_id
  WHERE e.contact_id = $1::uuid AND e.status IN ('active', 'paused')
  ORDER BY e.id
  FOR UPDATE OF e`;

const LOCK_MANY = `
  SELECT ${ENROLLMENT_SELECT}, c.email
  FROM enrollments e JOIN contacts c ON c.id = e.contact_id
  WHERE e.id = ANY($1::uuid[])
  ORDER BY e.id
  FOR UPDATE OF e`;

// The migration apply's batch: candidates chosen by the caller's selection, locked here and
// re-checked after the lock (the runner or a service may have changed them meanwhile).
const LOCK_MIGRATION_BATCH = `
  SELECT ${ENROLLMENT_SELECT}, c.email
  FROM enrollments e JOIN contacts c ON c.id = e.contact_id
  WHERE e.id = ANY($1::uuid[]) AND e.sequence_version_id = $2::uuid AND e.status IN ('active', 'paused')
    AND ($4::text[] IS NULL OR e.current_step_key = ANY($4::text[]))
    AND NOT EXISTS (SELECT 1 FROM enrollment_migration_items i WHERE i.migration_id = $3::uuid AND i.enrollment_id = e.id)
  ORDER BY e.id
  FOR UPDATE OF e`;

const orNull = (list: readonly string[] | undefined) => (list === undefined ? null : [...list]);

/** Up to `limit` due enrollments, locked; rows another worker holds are skipped, not waited for. */
export function claimDue(
  sql: Sql,
  options: { now: Date; limit: number; scope?: ClaimScope },
): Promise<ClaimedEnrollment[]> {
  const { scope } = options;
  return sql.query<ClaimedEnrollment>(CLAIM_DUE, [
    options.now,
    options.limit,
    orNull(scope?.sequenceIds),
    orNull(scope?.enrollmentIds),
  ]);
}

/** One enrollment locked FOR UPDATE (the runner skips it until the caller commits); null if none. */
export async function lockEnrollment(sql: Sql, enrollmentId: string): Promise<LockedEnrollment | null> {
  const rows = await sql.query<LockedEnrollment>(LOCK_ONE, [enrollmentId]);
  return rows[0] ?? null;
}

export function lockEnrollments(sql: Sql, enrollmentIds: readonly string[]): Promise<LockedEnrollment[]> {
  return sql.query<LockedEnrollment>(LOCK_MANY, [[...enrollmentIds]]);
}

/** A contact's in-flight (active and paused) enrollments, locked in id order. */
export function lockLiveEnrollmentsOfContact(sql: Sql, contactId: string): Promise<LockedEnrollment[]> {
  return sql.query<LockedEnrollment>(LOCK_LIVE_OF_CONTACT, [contactId]);
}

/** Locks the candidates still in flight on version A, at one of `stepKeys` (null = any), not yet moved. */
export function lockMigrationBatch(
  sql: Sql,
  options: {
    candidateIds: readonly string[];
    fromVersionId: string;
    migrationId: string;
    stepKeys: readonly string[] | null;
  },
): Promise<LockedEnrollment[]> {
  return sql.query<LockedEnrollment>(LOCK_MIGRATION_BATCH, [
    [...options.candidateIds],
    options.fromVersionId,
    options.migrationId,
    options.stepKeys && [...options.stepKeys],
  ]);
}

export function stateOf(
  row: Pick<EnrollmentRow, "status" | "current_step_index" | "next_run_at" | "exit_reason">,
): EnrollmentState {
  return {
    status: row.status,
    stepIndex: row.current_step_index,
    nextRunAt: row.next_run_at,
    exitReason: row.exit_reason,
  };
}
