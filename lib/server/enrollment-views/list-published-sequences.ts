import "server-only";
import type { SequenceStatus } from "@/lib/domain/sequence-status";
import type { SequenceOption } from "@/lib/views/sequences";
import { db } from "../db";

/** Every sequence that was ever published (only those can have enrollments), for filters and the enroll dialog. */
export async function listPublishedSequences(): Promise<SequenceOption[]> {
  const rows = await db().$queryRaw<{ id: string; name: string; status: SequenceStatus; number: number | null }[]>`
    SELECT s.id, s.name, s.status::text AS status, v.number
    FROM sequences s LEFT JOIN sequence_versions v ON v.id = s.active_version_id
    WHERE s.active_version_id IS NOT NULL
    ORDER BY lower(s.name), s.id
    LIMIT 1000`;
  return rows.map((r) => ({ id: r.id, name: r.name, status: r.status, activeVersionNumber: r.number }));
}
