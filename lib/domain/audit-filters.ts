// The audit log's filters, shared by the page and the CSV export (one parser, one meaning).
import { z } from "zod";
import { AUDIT_EXPORT_LIMIT, AUDIT_PAGE_SIZE } from "./audit-limits";
import { localTimeToUtc } from "./local-time";

export { AUDIT_EXPORT_LIMIT, AUDIT_PAGE_SIZE };

const text = (max: number) => z.string().trim().max(max).optional().default("");

const rawFiltersSchema = z.object({
  actor: z
    .union([z.uuid(), z.literal("")])
    .optional()
    .default(""),
  action: text(100),
  entity: text(100),
  from: text(16),
  to: text(16),
  before: text(200),
});

export type AuditFilters = {
  actorId: string | null;
  action: string | null;
  entityType: string | null;
  from: Date | null;
  to: Date | null;
  /** Keyset cursor: entries strictly older than (at, id). */
  before: { at: Date; id: string } | null;
};

export type ParsedAuditFilters =
  | {
      ok: true;
      filters: AuditFilters;
      values: { actor: string; action: string; entity: string; from: string; to: string };
    }
  | { ok: false; error: string };

export function encodeAuditCursor(at: Date, id: string): string {
  return `${at.toISOString()}_${id}`;
}

function decodeCursor(value: string): { at: Date; id: string } | null {
  const [iso, id] = value.split("_");
  const at = new Date(iso ?? "");
  if (Number.isNaN(at.getTime()) || !z.uuid().safeParse(id).success) return null;
  return { at, id: id! };
}

/** Reads the filters from query parameters; times are wall-clock in `zone` ("2026-11-26T09:00"). */
export function parseAuditFilters(
  params: Record<string, string | string[] | undefined>,
  zone: string,
): ParsedAuditFilters {
  const single = Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? (v[0] ?? "") : (v ?? "")]),
  );
  const parsed = rawFiltersSchema.safeParse(single);
  if (!parsed.success) return { ok: false, error: "Those filters are not valid." };
  const raw = parsed.data;
  const time = (value: string, name: string): Date | null | string => {
    if (value === "") return null;
    const local = localTimeToUtc(value, zone);
    return local.ok ? local.at : `${name}: ${local.error}`;
  };
  const from = time(raw.from, "From");
  const to = time(raw.to, "To");
  if (typeof from === "string") return { ok: false, error: from };
  if (typeof to === "string") return { ok: false, error: to };
  if (from && to && from > to) return { ok: false, error: "The time range ends before it starts." };
  const before = raw.before === "" ? null : decodeCursor(raw.before);
  if (raw.before !== "" && !before) return { ok: false, error: "That page link is not valid." };
  return {
    ok: true,
    filters: {
      actorId: raw.actor || null,
      action: raw.action || null,
      entityType: raw.entity || null,
      from,
      to,
      before,
    },
    values: { actor: raw.actor, action: raw.action, entity: raw.entity, from: raw.from, to: raw.to },
  };
}

const SECRET_KEY = /(secret|password|token|authorization|api_?key|cookie|signature)/i;

/** A payload for display or export with secret-looking fields replaced (content hashes are not secrets). */
export function redactDetail(value: unknown, depth = 0): unknown {
  if (depth > 8) return "[…]";
  if (Array.isArray(value)) return value.map((v) => redactDetail(v, depth + 1));
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        SECRET_KEY.test(k) ? "[redacted]" : redactDetail(v, depth + 1),
      ]),
    );
  return value;
}

/** One CSV cell: quoted when needed, and a leading = + - @ neutralised so a spreadsheet never runs it. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
