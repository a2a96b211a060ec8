import "server-only";
import { db } from "../db";
import { decodeCursor, encodeCursor, likePrefix, NAME_KEY, NIL_UUID } from "./search-contacts";

export const MATCHING_PAGE_MAX = 5_000;

/**
 * The ids of every contact matching a search, a keyset page at a time, for "enroll all matching":
 * the client walks the pages and enrolls each one, so 100,000 matches never travel in one payload.
 * Same predicates and order as searchContacts, so the two agree on what "matching" means.
 */
export async function matchingContactIds(options: {
  query: string;
  field: "name" | "email";
  after?: string | null;
  limit: number;
}): Promise<{ ids: string[]; next: string | null }> {
  const query = options.query.trim().toLowerCase();
  const take = Math.min(options.limit, MATCHING_PAGE_MAX) + 1;
  if (options.field === "email") {
    const after = decodeCursor(options.after, 1);
    const rows = await db().$queryRaw<{ id: string; email: string }[]>`
      SELECT c.id, c.email FROM contacts c
      WHERE (c.email COLLATE "C") LIKE ${likePrefix(query)} AND (c.email COLLATE "C") > ${after?.[0] ?? ""}
      ORDER BY (c.email COLLATE "C") LIMIT ${take}`;
    const page = rows.slice(0, take - 1);
    const last = page[page.length - 1];
    return { ids: page.map((r) => r.id), next: rows.length === take && last ? encodeCursor([last.email]) : null };
  }
  const after = decodeCursor(options.after, 2);
  const rows = await db().$queryRaw<{ id: string; name_key: string }[]>`
    SELECT c.id, ${NAME_KEY} AS name_key FROM contacts c
    WHERE ${NAME_KEY} LIKE ${likePrefix(query)} AND (${NAME_KEY}, c.id) > (${after?.[0] ?? ""}, ${after?.[1] ?? NIL_UUID}::uuid)
    ORDER BY ${NAME_KEY}, c.id LIMIT ${take}`;
  const page = rows.slice(0, take - 1);
  const last = page[page.length - 1];
  return {
    ids: page.map((r) => r.id),
    next: rows.length === take && last ? encodeCursor([last.name_key, last.id]) : null,
  };
}
