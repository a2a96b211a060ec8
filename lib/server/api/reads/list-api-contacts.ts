import "server-only";
import { db } from "../../db";
import { apiContact } from "./contact-shape";

/** Keyset page in id order (uuidv7: creation order); the cursor is the last id of the page. */
export async function listApiContacts(options: { cursor?: string; limit: number }) {
  const rows = await db().contact.findMany({
    where: options.cursor ? { id: { gt: options.cursor } } : {},
    orderBy: { id: "asc" },
    take: options.limit + 1,
  });
  const page = rows.slice(0, options.limit);
  return {
    data: page.map(apiContact),
    nextCursor: rows.length > options.limit ? (page[page.length - 1]?.id ?? null) : null,
  };
}
