import "server-only";
import { FINISHED_STATUSES } from "@/lib/domain/enrollment-status";
import type { VersionCounts } from "@/lib/views/enrollments";
import { countCache } from "../cache/count-reuse";
import { db } from "../db";

const cache = countCache<VersionCounts["counts"]>((counts) =>
  counts.reduce((sum, c) => sum + c.active + c.paused + c.finished, 0),
);

/** Per-version enrollment counts of one sequence ("v3: 1,204 active · v4: 310 active") and how old they are. */
export async function versionCounts(sequenceId: string): Promise<VersionCounts> {
  const { at, value } = cache.get(sequenceId, () => countPerVersion(sequenceId));
  const counts = await value;
  return { counts, ageMs: Date.now() - at };
}

/** One grouped scan of the sequence's (sequence_id, sequence_version_id, status) index; never reused. */
export async function countPerVersion(sequenceId: string): Promise<VersionCounts["counts"]> {
  const rows = await db().$queryRaw<
    { id: string; number: number; is_active: boolean; active: bigint; paused: bigint; finished: bigint }[]
  >`
    SELECT v.id, v.number, (s.active_version_id = v.id) AS is_active,
           count(e.status) FILTER (WHERE e.status = 'active') AS active,
           count(e.status) FILTER (WHERE e.status = 'paused') AS paused,
           count(e.status) FILTER (WHERE e.status = ANY(${[...FINISHED_STATUSES]}::"EnrollmentStatus"[])) AS finished
    FROM sequence_versions v
    JOIN sequences s ON s.id = v.sequence_id
    LEFT JOIN enrollments e ON e.sequence_id = v.sequence_id AND e.sequence_version_id = v.id
    WHERE v.sequence_id = ${sequenceId}::uuid
    GROUP BY v.id, v.number, s.active_version_id
    ORDER BY v.number`;
  return rows.map((r) => ({
    versionId: r.id,
    number: r.number,
    isActive: r.is_active,
    active: Number(r.active),
    paused: Number(r.paused),
    finished: Number(r.finished),
  }));
}
