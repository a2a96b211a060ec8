import "server-only";
import { IN_FLIGHT_STATUSES } from "@/lib/domain/enrollment-status";
import type { VersionListRow } from "@/lib/views/sequences";
import { db } from "../db";

/** A sequence's published versions, newest first, with how many enrollments each has (in flight and in total). */
export async function listVersions(sequenceId: string): Promise<VersionListRow[]> {
  const rows = await db().$queryRaw<
    {
      id: string;
      number: number;
      note: string;
      content_hash: string;
      published_at: Date;
      published_by: string | null;
      active: bigint;
      total: bigint;
    }[]
  >`
    SELECT v.id, v.number, v.note, v.content_hash, v.published_at, u.name AS published_by,
           count(e.status) FILTER (WHERE e.status = ANY(${[...IN_FLIGHT_STATUSES]}::"EnrollmentStatus"[])) AS active,
           count(e.status) AS total
    FROM sequence_versions v
    LEFT JOIN users u ON u.id = v.published_by_id
    -- Both columns, so the (sequence_id, sequence_version_id, status) index answers the counts alone.
    LEFT JOIN enrollments e ON e.sequence_id = v.sequence_id AND e.sequence_version_id = v.id
    WHERE v.sequence_id = ${sequenceId}::uuid
    GROUP BY v.id, u.name
    ORDER BY v.number DESC`;
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    note: r.note,
    contentHash: r.content_hash,
    publishedAt: r.published_at,
    publishedBy: r.published_by,
    activeEnrollments: Number(r.active),
    totalEnrollments: Number(r.total),
  }));
}
