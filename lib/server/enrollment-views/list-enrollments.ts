import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { EnrollmentStatus } from "@/lib/domain/enrollment-status";
import type { EnrollmentListRow } from "@/lib/views/enrollments";
import { db } from "../db";

export type EnrollmentFilters = {
  sequenceId?: string | null;
  versionId?: string | null;
  status?: EnrollmentStatus | null;
  stepKey?: string | null;
  contactId?: string | null;
  /** Only enrollments with a message still queued ("still delivering"), whatever their status. */
  delivering?: boolean;
};

type Raw = {
  id: string;
  status: EnrollmentStatus;
  contact_id: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  sequence_id: string;
  sequence_name: string;
  version_number: number;
  active_number: number | null;
  current_step_index: number;
  current_step_key: string | null;
  step_count: number;
  next_run_at: Date | null;
  enrolled_at: Date;
  exit_reason: string | null;
  pending_messages: number;
};

/**
 * A keyset page of enrollments, newest first (ids are uuidv7, so id order is enrollment order).
 * Filters use the (sequence_id, sequence_version_id, status) and (sequence_id, status,
 * current_step_key) indexes; the page cursor is simply the last id shown.
 */
export async function listEnrollments(
  options: EnrollmentFilters & { before?: string | null; limit: number },
): Promise<{ rows: EnrollmentListRow[]; next: string | null }> {
  const where: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (options.sequenceId) where.push(Prisma.sql`e.sequence_id = ${options.sequenceId}::uuid`);
  if (options.versionId) where.push(Prisma.sql`e.sequence_version_id = ${options.versionId}::uuid`);
  if (options.status) where.push(Prisma.sql`e.status = ${options.status}::"EnrollmentStatus"`);
  if (options.stepKey) where.push(Prisma.sql`e.current_step_key = ${options.stepKey}`);
  if (options.contactId) where.push(Prisma.sql`e.contact_id = ${options.contactId}::uuid`);
  if (options.delivering)
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM messages m WHERE m.enrollment_id = e.id AND m.status = 'queued')`);
  if (options.before) where.push(Prisma.sql`e.id < ${options.before}::uuid`);
  const rows = await db().$queryRaw<Raw[]>`
    SELECT e.id, e.status::text AS status, e.contact_id, c.email, c.first_name, c.last_name,
           e.sequence_id, s.name AS sequence_name, v.number AS version_number, av.number AS active_number,
           e.current_step_index, e.current_step_key, jsonb_array_length(v.content->'steps') AS step_count,
           e.next_run_at, e.enrolled_at, e.exit_reason,
           (SELECT count(*)::int FROM messages m WHERE m.enrollment_id = e.id AND m.status = 'queued') AS pending_messages
    FROM enrollments e
    JOIN contacts c ON c.id = e.contact_id
    JOIN sequences s ON s.id = e.sequence_id
    JOIN sequence_versions v ON v.id = e.sequence_version_id
    LEFT JOIN sequence_versions av ON av.id = s.active_version_id
    WHERE ${Prisma.join(where, " AND ")}
    ORDER BY e.id DESC
    LIMIT ${options.limit + 1}`;
  const page = rows.slice(0, options.limit);
  return {
    rows: page.map((r) => ({
      id: r.id,
      status: r.status,
      contactId: r.contact_id,
      email: r.email,
      name: [r.first_name, r.last_name].filter(Boolean).join(" "),
      sequenceId: r.sequence_id,
      sequenceName: r.sequence_name,
      versionNumber: r.version_number,
      activeVersionNumber: r.active_number,
      currentStepIndex: r.current_step_index,
      currentStepKey: r.current_step_key,
      stepCount: r.step_count,
      nextRunAt: r.next_run_at,
      enrolledAt: r.enrolled_at,
      exitReason: r.exit_reason,
      pendingMessages: r.pending_messages,
    })),
    next: rows.length > options.limit ? (page[page.length - 1]?.id ?? null) : null,
  };
}
