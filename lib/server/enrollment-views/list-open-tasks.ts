import "server-only";
import type { EnrollmentStatus } from "@/lib/domain/enrollment-status";
import type { OpenTaskRow } from "@/lib/views/tasks";
import { db } from "../db";

type Raw = {
  id: string;
  title: string;
  note: string;
  created_at: Date;
  due_at: Date | null;
  step_key: string;
  enrollment_id: string;
  enrollment_status: EnrollmentStatus;
  contact_id: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  sequence_id: string;
  sequence_name: string;
  version_number: number;
};

/** Open manual tasks, oldest first (index on (completed_at, created_at)); keyset by (created_at, id). */
export async function listOpenTasks(options: {
  after?: { createdAt: Date; id: string } | null;
  limit: number;
}): Promise<{ rows: OpenTaskRow[]; next: string | null }> {
  const after = options.after ?? { createdAt: new Date(0), id: "00000000-0000-0000-0000-000000000000" };
  const rows = await db().$queryRaw<Raw[]>`
    SELECT t.id, t.title, t.note, t.created_at, t.due_at, t.step_key, t.enrollment_id, e.status::text AS enrollment_status,
           c.id AS contact_id, c.email, c.first_name, c.last_name, s.id AS sequence_id, s.name AS sequence_name, v.number AS version_number
    FROM tasks t
    JOIN enrollments e ON e.id = t.enrollment_id
    JOIN contacts c ON c.id = e.contact_id
    JOIN sequences s ON s.id = e.sequence_id
    JOIN sequence_versions v ON v.id = t.sequence_version_id
    WHERE t.completed_at IS NULL AND (t.created_at, t.id) > (${after.createdAt}, ${after.id}::uuid)
    ORDER BY t.created_at, t.id
    LIMIT ${options.limit + 1}`;
  const page = rows.slice(0, options.limit);
  const last = page[page.length - 1];
  return {
    rows: page.map<OpenTaskRow>((r) => ({
      id: r.id,
      title: r.title,
      note: r.note,
      createdAt: r.created_at,
      dueAt: r.due_at,
      stepKey: r.step_key,
      enrollmentId: r.enrollment_id,
      enrollmentStatus: r.enrollment_status,
      contactId: r.contact_id,
      email: r.email,
      name: [r.first_name, r.last_name].filter(Boolean).join(" "),
      sequenceId: r.sequence_id,
      sequenceName: r.sequence_name,
      versionNumber: r.version_number,
    })),
    next: rows.length > options.limit && last ? `${last.created_at.toISOString()}_${last.id}` : null,
  };
}

/** Parses the tasks page cursor ("<ISO instant>_<uuid>"); anything else means the first page. */
export function parseTaskCursor(cursor: string | null | undefined): { createdAt: Date; id: string } | null {
  const match = cursor?.match(/^(.+)_([0-9a-f-]{36})$/);
  if (!match) return null;
  const createdAt = new Date(match[1]!);
  return Number.isNaN(createdAt.getTime()) ? null : { createdAt, id: match[2]! };
}
