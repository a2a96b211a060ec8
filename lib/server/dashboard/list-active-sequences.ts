import "server-only";
import { IN_FLIGHT_STATUSES } from "@/lib/domain/enrollment-status";
import type { ActiveSequenceRow } from "@/lib/views/dashboard";
import { countCache } from "../cache/count-reuse";
import { db } from "../db";

// With `reuse` (the dashboard), large totals are reused for a short while (cache/count-reuse.ts).
const cache = countCache<InFlightCount[]>((counts) => counts.reduce((sum, c) => sum + Number(c.n), 0));

/**
 * Active sequences (index on (status, updated_at)) with their in-flight enrollments per version:
 * one grouped index-only scan of (sequence_id, sequence_version_id, status) for those sequences.
 */
export async function listActiveSequences(
  options: { limit?: number; reuse?: boolean } = {},
): Promise<{ rows: ActiveSequenceRow[]; ageMs: number }> {
  const sequences = await db().$queryRaw<{ id: string; name: string; active_number: number | null }[]>`
    SELECT s.id, s.name, v.number AS active_number
    FROM sequences s LEFT JOIN sequence_versions v ON v.id = s.active_version_id
    WHERE s.status = 'active'
    ORDER BY s.updated_at DESC, s.id
    LIMIT ${options.limit ?? 50}`;
  if (sequences.length === 0) return { rows: [], ageMs: 0 };
  const ids = sequences.map((s) => s.id);
  const entry = options.reuse ? cache.get(ids.join(","), () => countInFlight(ids)) : null;
  const counts = await (entry?.value ?? countInFlight(ids));
  const rows = sequences
    .map((s) => {
      const byVersion = counts
        .filter((c) => c.sequence_id === s.id)
        .map((c) => ({ versionId: c.version_id, number: c.number, inFlight: Number(c.n) }));
      return {
        id: s.id,
        name: s.name,
        activeVersionNumber: s.active_number,
        inFlight: byVersion.reduce((sum, v) => sum + v.inFlight, 0),
        byVersion,
      };
    })
    .sort((a, b) => b.inFlight - a.inFlight || a.name.localeCompare(b.name));
  return { rows, ageMs: entry ? Date.now() - entry.at : 0 };
}

type InFlightCount = { sequence_id: string; version_id: string; number: number; n: bigint };

/** One grouped index-only scan of (sequence_id, sequence_version_id, status) for these sequences. */
function countInFlight(ids: string[]): Promise<InFlightCount[]> {
  return db().$queryRaw<InFlightCount[]>`
    SELECT c.sequence_id, c.version_id, v.number, c.n
    FROM (
      SELECT e.sequence_id, e.sequence_version_id AS version_id, count(*) AS n
      FROM enrollments e
      WHERE e.sequence_id = ANY(${ids}::uuid[])
        AND e.status = ANY(${[...IN_FLIGHT_STATUSES]}::"EnrollmentStatus"[])
      GROUP BY e.sequence_id, e.sequence_version_id
    ) c JOIN sequence_versions v ON v.id = c.version_id
    ORDER BY v.number DESC`;
}
