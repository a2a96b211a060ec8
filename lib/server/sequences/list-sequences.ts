import "server-only";
import { IN_FLIGHT_STATUSES } from "@/lib/domain/enrollment-status";
import type { SequenceStatus } from "@/lib/domain/sequence-status";
import type { SequenceListRow } from "@/lib/views/sequences";
import { db } from "../db";

export async function listSequences(options: { includeArchived: boolean }): Promise<SequenceListRow[]> {
  const rows = await db().$queryRaw<
    {
      id: string;
      name: string;
      status: SequenceStatus;
      number: number | null;
      published_at: Date | null;
      published_by: string | null;
      active_enrollments: bigint;
      step_count: number;
      updated_at: Date;
    }[]
  >`
    SELECT s.id, s.name, s.status::text AS status, v.number, v.published_at, u.name AS published_by,
           jsonb_array_length(s.draft->'steps') AS step_count, s.updated_at,
           (SELECT count(*) FROM enrollments e WHERE e.sequence_id = s.id AND e.status = ANY(${[...IN_FLIGHT_STATUSES]}::"EnrollmentStatus"[])) AS active_enrollments
    FROM sequences s
    LEFT JOIN sequence_versions v ON v.id = s.active_version_id
    LEFT JOIN users u ON u.id = v.published_by_id
    WHERE ${options.includeArchived} OR s.status <> 'archived'
    ORDER BY s.updated_at DESC
    LIMIT 500`;
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    status: r.status,
    activeVersionNumber: r.number,
    activeEnrollments: Number(r.active_enrollments),
    lastPublishedAt: r.published_at,
    lastPublishedBy: r.published_by,
    stepCount: r.step_count,
    updatedAt: r.updated_at,
  }));
}
