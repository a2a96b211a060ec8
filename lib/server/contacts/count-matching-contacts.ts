import "server-only";
import { db } from "../db";
import { likePrefix, NAME_KEY } from "./search-contacts";

/** How many contacts match (shown before "enroll all matching"); capped so a count never scans forever. */
export async function countMatchingContacts(
  options: { query: string; field: "name" | "email" },
  cap = 100_001,
): Promise<number> {
  const query = options.query.trim().toLowerCase();
  const rows =
    options.field === "email"
      ? await db().$queryRaw<
          { n: bigint }[]
        >`SELECT count(*) AS n FROM (SELECT 1 FROM contacts c WHERE (c.email COLLATE "C") LIKE ${likePrefix(query)} LIMIT ${cap}) t`
      : await db().$queryRaw<
          { n: bigint }[]
        >`SELECT count(*) AS n FROM (SELECT 1 FROM contacts c WHERE ${NAME_KEY} LIKE ${likePrefix(query)} LIMIT ${cap}) t`;
  return Number(rows[0]?.n ?? 0);
}
