import "server-only";
import type { EnrollmentStatus } from "@/lib/domain/enrollment-status";
import type { TaskFilters, TaskPriority } from "@/lib/domain/tasks";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TaskRow } from "@/lib/views/tasks";
import { db } from "../db";

type Raw = {
  id: string;
  title: string;
  note: string;
  created_at: Date;
  due_at: Date;
  priority: TaskPriority;
  assignee_id: string | null;
  assignee_name: string | null;
  completed_at: Date | null;
  completed_by_name: string | null;
  completion_note: string | null;
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
  step_number: number | null;
};

export type TaskCursor = { at: Date; id: string };

/**
 * The tasks page: open tasks most urgent first (due date, then id: indexes tasks_open_due and
 * tasks_open_assignee_due), completed ones newest first (index (completed_at, created_at)); keyset
 * by (that instant, id). "Overdue" means due before `now`; for completed tasks, completed after
 * their due date. The step name is its position in the task's version and its title (never the key).
 */
export async function listTasks(options: {
  filters: TaskFilters;
  userId: string;
  now: Date;
  after?: TaskCursor | null;
  limit: number;
}): Promise<{ rows: TaskRow[]; next: string | null }> {
  const { filters, now, after } = options;
  const open = filters.status === "open";
  const where: Prisma.Sql[] = [open ? Prisma.sql`t.completed_at IS NULL` : Prisma.sql`t.completed_at IS NOT NULL`];
  if (filters.assignee === "me") where.push(Prisma.sql`t.assignee_id = ${options.userId}::uuid`);
  else if (filters.assignee === "none") where.push(Prisma.sql`t.assignee_id IS NULL`);
  else if (filters.assignee) where.push(Prisma.sql`t.assignee_id = ${filters.assignee.userId}::uuid`);
  if (filters.overdue) where.push(open ? Prisma.sql`t.due_at < ${now}` : Prisma.sql`t.completed_at > t.due_at`);
  if (filters.sequenceId) where.push(Prisma.sql`e.sequence_id = ${filters.sequenceId}::uuid`);
  if (filters.priority) where.push(Prisma.sql`t.priority = ${filters.priority}::"TaskPriority"`);
  if (after)
    where.push(
      open
        ? Prisma.sql`(t.due_at, t.id) > (${after.at}, ${after.id}::uuid)`
        : Prisma.sql`(t.completed_at, t.id) < (${after.at}, ${after.id}::uuid)`,
    );
  const order = open ? Prisma.sql`t.due_at, t.id` : Prisma.sql`t.completed_at DESC, t.id DESC`;
  const rows = await db().$queryRaw<Raw[]>`
    SELECT t.id, t.title, t.note, t.created_at, t.due_at, t.priority::text AS priority, t.assignee_id,
           a.name AS assignee_name, t.completed_at, cb.name AS completed_by_name, t.completion_note,
           t.step_key, t.enrollment_id, e.status::text AS enrollment_status,
           c.id AS contact_id, c.email, c.first_name, c.last_name, s.id AS sequence_id, s.name AS sequence_name,
           v.number AS version_number,
           (SELECT x.ord FROM jsonb_array_elements(v.content->'steps') WITH ORDINALITY AS x(step, ord)
            WHERE x.step->>'key' = t.step_key LIMIT 1)::int AS step_number
    FROM tasks t
    JOIN enrollments e ON e.id = t.enrollment_id
    JOIN contacts c ON c.id = e.contact_id
    JOIN sequences s ON s.id = e.sequence_id
    JOIN sequence_versions v ON v.id = t.sequence_version_id
    LEFT JOIN users a ON a.id = t.assignee_id
    LEFT JOIN users cb ON cb.id = t.completed_by_id
    WHERE ${Prisma.join(where, " AND ")}
    ORDER BY ${order}
    LIMIT ${options.limit + 1}`;
  const page = rows.slice(0, options.limit);
  const last = page[page.length - 1];
  const lastAt = last ? (open ? last.due_at : last.completed_at) : null;
  return {
    rows: page.map<TaskRow>((r) => ({
      id: r.id,
      title: r.title,
      note: r.note,
      createdAt: r.created_at,
      dueAt: r.due_at,
      overdue: r.completed_at ? r.completed_at > r.due_at : r.due_at < now,
      priority: r.priority,
      assigneeId: r.assignee_id,
      assigneeName: r.assignee_name,
      completedAt: r.completed_at,
      completedByName: r.completed_by_name,
      completionNote: r.completion_note,
      stepKey: r.step_key,
      stepName: r.step_number ? `Step ${r.step_number} · ${r.title}` : r.title,
      enrollmentId: r.enrollment_id,
      enrollmentStatus: r.enrollment_status,
      contactId: r.contact_id,
      email: r.email,
      name: [r.first_name, r.last_name].filter(Boolean).join(" "),
      sequenceId: r.sequence_id,
      sequenceName: r.sequence_name,
      versionNumber: r.version_number,
    })),
    next: rows.length > options.limit && last && lastAt ? `${lastAt.toISOString()}_${last.id}` : null,
  };
}

/** Parses the tasks page cursor ("<ISO instant>_<uuid>"); anything else means the first page. */
export function parseTaskCursor(cursor: string | null | undefined): TaskCursor | null {
  const match = cursor?.match(/^(.+)_([0-9a-f-]{36})$/);
  if (!match) return null;
  const at = new Date(match[1]!);
  return Number.isNaN(at.getTime()) ? null : { at, id: match[2]! };
}
