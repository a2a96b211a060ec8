import "server-only";
import type { EnrollmentState, EnrollmentStatus } from "@/lib/domain/enrollment-machine";
import { versionContentSchema, type VersionContent } from "@/lib/domain/steps";
import type { EventType, Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "../db";
import { DomainError } from "../errors";

/** An enrollment row locked FOR UPDATE for the rest of the transaction, with its contact's email. */
export type LockedEnrollment = {
  id: string;
  status: EnrollmentStatus;
  current_step_index: number;
  current_step_key: string | null;
  next_run_at: Date | null;
  exit_reason: string | null;
  pass: number;
  sequence_version_id: string;
  contact_id: string;
  email: string;
};

/** Locks one enrollment, so the runner and other services wait for this change (or skip it). */
export async function lockEnrollment(tx: Tx, enrollmentId: string): Promise<LockedEnrollment> {
  const rows = await tx.$queryRaw<LockedEnrollment[]>`
    SELECT e.id, e.status::text AS status, e.current_step_index, e.current_step_key, e.next_run_at, e.exit_reason, e.pass,
           e.sequence_version_id, e.contact_id, c.email
    FROM enrollments e JOIN contacts c ON c.id = e.contact_id
    WHERE e.id = ${enrollmentId}::uuid
    FOR UPDATE OF e`;
  const row = rows[0];
  if (!row) throw new DomainError("That enrollment no longer exists.", "not_found");
  return row;
}

/** A contact's active and paused enrollments, locked in id order (a fixed order avoids deadlocks). */
export async function lockLiveEnrollmentsOfContact(tx: Tx, contactId: string): Promise<LockedEnrollment[]> {
  return tx.$queryRaw<LockedEnrollment[]>`
    SELECT e.id, e.status::text AS status, e.current_step_index, e.current_step_key, e.next_run_at, e.exit_reason, e.pass,
           e.sequence_version_id, e.contact_id, c.email
    FROM enrollments e JOIN contacts c ON c.id = e.contact_id
    WHERE e.contact_id = ${contactId}::uuid AND e.status IN ('active', 'paused')
    ORDER BY e.id
    FOR UPDATE OF e`;
}

export function stateOf(row: LockedEnrollment): EnrollmentState {
  return { status: row.status, stepIndex: row.current_step_index, nextRunAt: row.next_run_at, exitReason: row.exit_reason };
}

const finished = (status: EnrollmentStatus) => status === "completed" || status === "exited" || status === "failed";

export async function saveState(tx: Tx, row: LockedEnrollment, state: EnrollmentState, now: Date): Promise<void> {
  await tx.enrollment.update({
    where: { id: row.id },
    data: {
      status: state.status,
      nextRunAt: state.nextRunAt,
      exitReason: state.exitReason,
      finishedAt: finished(state.status) && !finished(row.status) ? now : undefined,
      updatedAt: now,
    },
  });
}

export async function addEvent(tx: Tx, row: LockedEnrollment, type: EventType, now: Date, detail: Prisma.InputJsonObject = {}): Promise<void> {
  await tx.enrollmentEvent.create({
    data: { enrollmentId: row.id, sequenceVersionId: row.sequence_version_id, stepKey: row.current_step_key, stepIndex: row.current_step_index, type, at: now, detail },
  });
}

/** Pinned versions' content by id (versions are immutable, so reading them unlocked is safe). */
export async function loadVersions(tx: Tx, versionIds: readonly string[]): Promise<Map<string, VersionContent>> {
  const versions = await tx.sequenceVersion.findMany({ where: { id: { in: [...new Set(versionIds)] } }, select: { id: true, content: true } });
  return new Map(versions.map((v) => [v.id, versionContentSchema.parse(v.content)]));
}
