import "server-only";
import { IN_FLIGHT_STATUSES } from "@/lib/domain/enrollment-status";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../db";

export type ContactSearch = { query: string; field: "name" | "email"; after?: string | null; limit: number };

export type ContactRow = {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  timeZone: string | null;
  unsubscribedAt: Date | null;
  activeEnrollments: number;
};

export type ContactPage = { rows: ContactRow[]; next: string | null };

type Raw = {
  id: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  time_zone: string | null;
  unsubscribed_at: Date | null;
  name_key: string;
  active: bigint;
};

/** `\`, `%` and `_` are LIKE wildcards: a search for "a_b" means the literal text. */
export function likePrefix(text: string): string {
  return `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Opaque cursor: the sort key of the last row (email, or name key + id). */
export function encodeCursor(parts: string[]): string {
  return Buffer.from(JSON.stringify(parts), "utf8").toString("base64url");
}

export function decodeCursor(cursor: string | null | undefined, length: number): string[] | null {
  if (!cursor) return null;
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(parts) && parts.length === length && parts.every((p) => typeof p === "string")) return parts;
  } catch {
    // A tampered or stale cursor restarts from the first page instead of failing the page.
  }
  return null;
}

// The first page starts "after" the smallest possible key: every real key sorts above it, and
// one query shape (no OR) keeps the index range scan.
export const NIL_UUID = "00000000-0000-0000-0000-000000000000";
export const NAME_KEY = Prisma.sql`(lower(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '')) COLLATE "C")`;

/**
 * One page of contacts. By email: prefix match and order on `email COLLATE "C"` (index
 * contacts_email_c). By name: prefix match on the lower-cased "first last" and order by it, then
 * id (index contacts_name_c). Both are keyset pages, so page 2,000 costs what page 1 costs.
 */
export async function searchContacts(search: ContactSearch): Promise<ContactPage> {
  const query = search.query.trim().toLowerCase();
  const take = search.limit + 1;
  let rows: Raw[];
  if (search.field === "email") {
    const after = decodeCursor(search.after, 1);
    rows = await db().$queryRaw<Raw[]>`
      SELECT c.id, c.email, c.first_name, c.last_name, c.phone, c.time_zone, c.unsubscribed_at, '' AS name_key,
             (SELECT count(*) FROM enrollments e WHERE e.contact_id = c.id AND e.status = ANY(${[...IN_FLIGHT_STATUSES]}::"EnrollmentStatus"[])) AS active
      FROM contacts c
      WHERE (c.email COLLATE "C") LIKE ${likePrefix(query)}
        AND (c.email COLLATE "C") > ${after?.[0] ?? ""}
      ORDER BY (c.email COLLATE "C")
      LIMIT ${take}`;
  } else {
    const after = decodeCursor(search.after, 2);
    rows = await db().$queryRaw<Raw[]>`
      SELECT c.id, c.email, c.first_name, c.last_name, c.phone, c.time_zone, c.unsubscribed_at, ${NAME_KEY} AS name_key,
             (SELECT count(*) FROM enrollments e WHERE e.contact_id = c.id AND e.status = ANY(${[...IN_FLIGHT_STATUSES]}::"EnrollmentStatus"[])) AS active
      FROM contacts c
      WHERE ${NAME_KEY} LIKE ${likePrefix(query)}
        AND (${NAME_KEY}, c.id) > (${after?.[0] ?? ""}, ${after?.[1] ?? NIL_UUID}::uuid)
      ORDER BY ${NAME_KEY}, c.id
      LIMIT ${take}`;
  }
  const page = rows.slice(0, search.limit);
  const last = page[page.length - 1];
  const next =
    rows.length > search.limit && last
      ? encodeCursor(search.field === "email" ? [last.email] : [last.name_key, last.id])
      : null;
  return {
    rows: page.map((r) => ({
      id: r.id,
      email: r.email,
      firstName: r.first_name,
      lastName: r.last_name,
      phone: r.phone,
      timeZone: r.time_zone,
      unsubscribedAt: r.unsubscribed_at,
      activeEnrollments: Number(r.active),
    })),
    next,
  };
}

/** Searches default to name, or email when the text looks like one (has an "@"); no search lists by email. */
export function searchFieldFor(query: string, requested?: string | null): "name" | "email" {
  if (requested === "name" || requested === "email") return requested;
  return query.trim() === "" || query.includes("@") ? "email" : "name";
}
