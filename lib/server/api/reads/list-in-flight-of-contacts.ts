import "server-only";
import { IN_FLIGHT_STATUSES } from "@/lib/domain/enrollment-status";
import { db } from "../../db";

/** The in-flight enrollment of each of these contacts in one sequence (what an enroll call reports back). */
export async function listInFlightOfContacts(sequenceId: string, contactIds: string[]) {
  if (contactIds.length === 0) return [];
  const rows = await db().enrollment.findMany({
    where: { sequenceId, contactId: { in: contactIds }, status: { in: [...IN_FLIGHT_STATUSES] } },
    select: { id: true, contactId: true, status: true, sequenceVersion: { select: { number: true } } },
    orderBy: { id: "asc" },
  });
  return rows.map((r) => ({
    id: r.id,
    contactId: r.contactId,
    status: r.status,
    versionNumber: r.sequenceVersion.number,
  }));
}
