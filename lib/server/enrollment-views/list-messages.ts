import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { MessageChannel, MessageStatus } from "@/lib/domain/message-status";
import type { MessageListRow } from "@/lib/views/messages";
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
  version_number: number;
  step_key: string;
  enrollment_id: string;
  created_at: Date;
  sent_at: Date | null;
  queued_seconds: number | null;
};

/** The outbox, newest first, keyset by id (uuidv7); only a preview of each body leaves the database. */
export async function listMessages(options: {
  status?: MessageStatus | null;
  sequenceId?: string | null;
  before?: string | null;
  limit: number;
}): Promise<{ rows: MessageListRow[]; next: string | null }> {
  const where: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (options.status) where.push(Prisma.sql`m.status = ${options.status}::"MessageStatus"`);
  if (options.sequenceId) where.push(Prisma.sql`e.sequence_id = ${options.sequenceId}::uuid`);
  if (options.before) where.push(Prisma.sql`m.id < ${options.before}::uuid`);
  const rows = await db().$queryRaw<Raw[]>`
    SELECT m.id, m."to", m.subject, left(m.body, 160) AS body_preview, m.channel::text AS channel, m.status::text AS status,
           e.sequence_id, s.name AS sequence_name, v.number AS version_number, m.step_key, m.enrollment_id, m.created_at, m.sent_at,
           CASE WHEN m.status = 'queued' THEN floor(extract(epoch FROM clock_timestamp() - m.created_at))::int END AS queued_seconds
    FROM messages m
    JOIN enrollments e ON e.id = m.enrollment_id
    JOIN sequences s ON s.id = e.sequence_id
    JOIN sequence_versions v ON v.id = m.sequence_version_id
    WHERE ${Prisma.join(where, " AND ")}
    ORDER BY m.id DESC
    LIMIT ${options.limit + 1}`;
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
      versionNumber: r.version_number,
      stepKey: r.step_key,
      enrollmentId: r.enrollment_id,
      createdAt: r.created_at,
      sentAt: r.sent_at,
      queuedSeconds: r.queued_seconds,
    })),
    next: rows.length > options.limit ? (page[page.length - 1]?.id ?? null) : null,
  };
}
