import "server-only";
import { IN_FLIGHT_STATUSES } from "@/lib/domain/enrollment-status";
import type { MigrationSetup } from "@/lib/views/migrations";
import { db } from "../db";
import { parseVersionContent } from "../sequences/sequence-rows";

/** What the "move enrollments" page needs: each version's steps and how many are in flight on it; null when there is no such sequence. */
export async function findMigrationSetup(sequenceId: string): Promise<MigrationSetup | null> {
  const sequence = await db().sequence.findUnique({
    where: { id: sequenceId },
    select: { id: true, name: true, activeVersionId: true },
  });
  if (!sequence) return null;
  const rows = await db().$queryRaw<
    { id: string; number: number; note: string; content: unknown; in_flight: bigint }[]
  >`
    SELECT v.id, v.number, v.note, v.content,
           (SELECT count(*) FROM enrollments e WHERE e.sequence_version_id = v.id AND e.status = ANY(${[...IN_FLIGHT_STATUSES]}::"EnrollmentStatus"[])) AS in_flight
    FROM sequence_versions v WHERE v.sequence_id = ${sequenceId}::uuid ORDER BY v.number DESC`;
  return {
    sequence,
    versions: rows.map((r) => ({
      id: r.id,
      number: r.number,
      note: r.note,
      steps: parseVersionContent(r.content).steps,
      inFlight: Number(r.in_flight),
    })),
  };
}
