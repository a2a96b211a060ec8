import "server-only";
import { AUDIT_PAGE_SIZE, encodeAuditCursor, redactDetail, type AuditFilters } from "@/lib/domain/audit-filters";
import type { AuditEntryView, AuditPage } from "@/lib/views/audit";
import { db } from "../db";

type Row = {
  id: string;
  at: Date;
  actor_id: string | null;
  actor_name: string | null;
  actor_email: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  summary: string;
  detail: unknown;
};

/**
 * Audit entries matching the filters, newest first, `limit` after the keyset cursor (at, id).
 * Each filter is a bound parameter that is either null (off) or compared; the (at), (actor_id, at),
 * (action, at) and (entity_type, entity_id, at) indexes serve the common shapes.
 */
export async function readAuditRows(filters: AuditFilters, limit: number): Promise<Row[]> {
  const beforeAt = filters.before?.at ?? null;
  const beforeId = filters.before?.id ?? null;
  return db().$queryRaw<Row[]>`
    SELECT a.id, a.at, a.actor_id, u.name AS actor_name, u.email AS actor_email, a.action, a.entity_type,
           a.entity_id, a.summary, a.detail
    FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
    WHERE (${filters.actorId}::uuid IS NULL OR a.actor_id = ${filters.actorId}::uuid)
      AND (${filters.action}::text IS NULL OR a.action = ${filters.action}::text)
      AND (${filters.entityType}::text IS NULL OR a.entity_type = ${filters.entityType}::text)
      AND (${filters.from}::timestamptz IS NULL OR a.at >= ${filters.from}::timestamptz)
      AND (${filters.to}::timestamptz IS NULL OR a.at <= ${filters.to}::timestamptz)
      AND (${beforeAt}::timestamptz IS NULL OR (a.at, a.id) < (${beforeAt}::timestamptz, ${beforeId}::uuid))
    ORDER BY a.at DESC, a.id DESC
    LIMIT ${limit}`;
}

export function toAuditView(row: Row): AuditEntryView {
  return {
    id: row.id,
    at: row.at,
    actor:
      row.actor_id && row.actor_name !== null
        ? { id: row.actor_id, name: row.actor_name, email: row.actor_email ?? "" }
        : null,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    summary: row.summary,
    detail: redactDetail(row.detail),
  };
}

/** One page of the audit log page. */
export async function listAuditEntries(filters: AuditFilters): Promise<AuditPage> {
  const rows = await readAuditRows(filters, AUDIT_PAGE_SIZE + 1);
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  const last = page[page.length - 1];
  return {
    entries: page.map(toAuditView),
    nextCursor: rows.length > AUDIT_PAGE_SIZE && last ? encodeAuditCursor(last.at, last.id) : null,
  };
}
