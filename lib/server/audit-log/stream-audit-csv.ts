import "server-only";
import { AUDIT_EXPORT_LIMIT, csvCell, redactDetail, type AuditFilters } from "@/lib/domain/audit-filters";
import { readAuditRows } from "./list-audit-entries";

const BATCH = 1_000;
export const AUDIT_CSV_HEADER = [
  "at (UTC)",
  "actor",
  "actor email",
  "action",
  "entity type",
  "entity id",
  "summary",
  "detail",
];

/**
 * The filtered entries as CSV, newest first, read in keyset batches of 1,000 so memory stays flat,
 * at most AUDIT_EXPORT_LIMIT rows. Details are redacted like on the page.
 */
export async function* auditCsvLines(filters: AuditFilters, limit = AUDIT_EXPORT_LIMIT): AsyncGenerator<string> {
  yield `${AUDIT_CSV_HEADER.map(csvCell).join(",")}\r\n`;
  let before = filters.before;
  let sent = 0;
  while (sent < limit) {
    const rows = await readAuditRows({ ...filters, before }, Math.min(BATCH, limit - sent));
    if (rows.length === 0) return;
    let chunk = "";
    for (const row of rows) {
      const cells = [
        row.at.toISOString(),
        row.actor_name ?? "",
        row.actor_email ?? "",
        row.action,
        row.entity_type,
        row.entity_id ?? "",
        row.summary,
        JSON.stringify(redactDetail(row.detail)),
      ];
      chunk += `${cells.map(csvCell).join(",")}\r\n`;
    }
    yield chunk;
    sent += rows.length;
    const last = rows[rows.length - 1]!;
    before = { at: last.at, id: last.id };
    if (rows.length < BATCH) return;
  }
}
