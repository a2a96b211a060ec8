import "server-only";
import { IN_FLIGHT_STATUSES, type EnrollmentStatus } from "@/lib/domain/enrollment-status";
import { db } from "../../db";

/**
 * The in-flight enrollment of each of these contacts in one sequence (what an enroll call reports
 * back): one statement, answered by the partial unique index of in-flight enrollments per contact.
 */
export async function listInFlightOfContacts(sequenceId: string, contactIds: string[]) {
  if (contactIds.length === 0) return [];
  const rows = await db().$queryRaw<{ id: string; contact_id: string; status: EnrollmentStatus; number: number }[]>`
    SELECT e.id, e.contact_id, e.status::text AS status, v.number
    FROM enrollments e JOIN sequence_versions v ON v.id = e.sequence_version_id
    WHERE e.sequence_id = ${sequenceId}::uuid AND e.contact_id = ANY(${contactIds}::uuid[])
      AND e.status = ANY(${[...IN_FLIGHT_STATUSES]}::"EnrollmentStatus"[])
    ORDER BY e.id`;
  return rows.map((r) => ({ id: r.id, contactId: r.contact_id, status: r.status, versionNumber: r.number }));
}
