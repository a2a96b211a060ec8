import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { MessageChannel, MessageStatus } from "@/lib/domain/message-status";
import type { StepType } from "@/lib/domain/step-kinds";
import type { MessageListRow } from "@/lib/views/messages";
import { likePrefix, NAME_KEY } from "../contacts/search-contacts";
import { db } from "../db";

type Raw = {
  id: string;
  to: string;
  subject: string | null;
  body_preview: string;
  channel: MessageChannel;
  status: MessageStatus;
  sequence_id: string;
  sequence_name: string;
  version_id: string;
  version_number: number;
  step_key: string;
  step_index: number | null;
  step_type: StepType | null;
  step_label: string | null;
  enrollment_id: string;
  contact_id: string;
  contact_email: string;
  contact_name: string | null;
  created_at: Date;
  sent_at: Date | null;
  queued_seconds: number | null;
};

export type MessageListOptions = {
  /** Contact name or email, or subject: a case-insensitive prefix (index range scans, see below). */
  query?: string | null;
  status?: MessageStatus | null;
  channel?: MessageChannel | null;
  sequenceId?: string | null;
  versionId?: string | null;
  /** [createdFrom, createdTo): instants, already resolved from the user's calendar days. */
  createdFrom?: Date | null;
  createdTo?: Date | null;
  before?: string | null;
  limit: number;
};

/** Subjects are indexed by their first 100 lower-cased characters (messages_subject_prefix). */
const SUBJECT_KEY = Prisma.sql`(left(lower(m.subject), 100) COLLATE "C")`;

function filters(options: MessageListOptions): Prisma.Sql[] {
  const where: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (options.status) where.push(Prisma.sql`m.status = ${options.status}::"MessageStatus"`);
  if (options.channel) where.push(Prisma.sql`m.channel = ${options.channel}::"Channel"`);
  if (options.sequenceId) where.push(Prisma.sql`e.sequence_id = ${options.sequenceId}::uuid`);
  if (options.versionId) where.push(Prisma.sql`m.sequence_version_id = ${options.versionId}::uuid`);
  if (options.createdFrom) where.push(Prisma.sql`m.created_at >= ${options.createdFrom}`);
  if (options.createdTo) where.push(Prisma.sql`m.created_at < ${options.createdTo}`);
  if (options.before) where.push(Prisma.sql`m.id < ${options.before}::uuid`);
  return where;
}

/**
 * The ids of one page, newest first. A search is the union of two index-driven branches, each
 * cut at the page size before they meet: messages of the contacts whose email or "first last"
 * starts with the text (contacts_email_c / contacts_name_c, then enrollments_contact_id and
 * messages_enrollment_id), and messages whose subject starts with it (messages_subject_prefix).
 */
function pageIds(options: MessageListOptions, take: number): Prisma.Sql {
  const where = Prisma.join(filters(options), " AND ");
  const query = options.query?.trim().toLowerCase();
  // The enrollment is joined only where a condition needs it (sequence, contact): PostgreSQL
  // does not drop an unused inner join, and the unfiltered first page is the busiest read.
  const base = (extra: Prisma.Sql, needsEnrollment: boolean) => Prisma.sql`
    SELECT m.id FROM messages m ${needsEnrollment ? Prisma.sql`JOIN enrollments e ON e.id = m.enrollment_id` : Prisma.empty}
    WHERE ${where} AND ${extra}
    ORDER BY m.id DESC LIMIT ${take}`;
  const bySequence = Boolean(options.sequenceId);
  if (!query) return base(Prisma.sql`TRUE`, bySequence);
  const prefix = likePrefix(query);
  const subjectPrefix = likePrefix(query.slice(0, 100));
  return Prisma.sql`
    (${base(
      Prisma.sql`e.contact_id IN (
        SELECT c.id FROM contacts c WHERE (c.email COLLATE "C") LIKE ${prefix}
        UNION SELECT c.id FROM contacts c WHERE ${NAME_KEY} LIKE ${prefix})`,
      true,
    )})
    UNION
    (${base(Prisma.sql`${SUBJECT_KEY} LIKE ${subjectPrefix} AND lower(m.subject) LIKE ${prefix}`, bySequence)})`;
}

/**
 * The outbox, newest first, keyset by id (uuidv7), with each message's contact and the step's name
 * from its pinned version; only a preview of each body leaves the database.
 */
export async function listMessages(
  options: MessageListOptions,
): Promise<{ rows: MessageListRow[]; next: string | null }> {
  const take = options.limit + 1;
  const rows = await db().$queryRaw<Raw[]>`
    WITH page AS (${pageIds(options, take)})
    SELECT m.id, m."to", m.subject, left(m.body, 160) AS body_preview, m.channel::text AS channel, m.status::text AS status,
           e.sequence_id, s.name AS sequence_name, v.id AS version_id, v.number AS version_number, m.step_key,
           st.step_index, st.step_type, st.step_label,
           m.enrollment_id, c.id AS contact_id, c.email AS contact_email,
           nullif(btrim(concat_ws(' ', c.first_name, c.last_name)), '') AS contact_name,
           m.created_at, m.sent_at,
           CASE WHEN m.status = 'queued' THEN floor(extract(epoch FROM clock_timestamp() - m.created_at))::int END AS queued_seconds
    FROM (SELECT id FROM page ORDER BY id DESC LIMIT ${take}) p
    JOIN messages m ON m.id = p.id
    JOIN enrollments e ON e.id = m.enrollment_id
    JOIN contacts c ON c.id = e.contact_id
    JOIN sequences s ON s.id = e.sequence_id
    JOIN sequence_versions v ON v.id = m.sequence_version_id
    LEFT JOIN LATERAL (
      SELECT (x.ord - 1)::int AS step_index, x.step->>'type' AS step_type,
             left(coalesce(nullif(btrim(x.step->>'subject'), ''), nullif(btrim(x.step->>'title'), ''),
                           nullif(btrim(x.step->>'body'), '')), 80) AS step_label
      FROM jsonb_array_elements(v.content->'steps') WITH ORDINALITY AS x(step, ord)
      WHERE x.step->>'key' = m.step_key
      LIMIT 1
    ) st ON TRUE
    ORDER BY m.id DESC`;
  const page = rows.slice(0, options.limit);
  return {
    rows: page.map<MessageListRow>((r) => ({
      id: r.id,
      to: r.to,
      subject: r.subject,
      body: r.body_preview,
      channel: r.channel,
      status: r.status,
      sequenceId: r.sequence_id,
      sequenceName: r.sequence_name,
      versionId: r.version_id,
      versionNumber: r.version_number,
      stepKey: r.step_key,
      step:
        r.step_index === null || r.step_type === null
          ? null
          : { index: r.step_index, type: r.step_type, label: r.step_label ?? "" },
      enrollmentId: r.enrollment_id,
      contact: { id: r.contact_id, email: r.contact_email, name: r.contact_name },
      createdAt: r.created_at,
      sentAt: r.sent_at,
      queuedSeconds: r.queued_seconds,
    })),
    next: rows.length > options.limit ? (page[page.length - 1]?.id ?? null) : null,
  };
}
