import type { Sql } from "./sql";

// The links of delivered, tracked emails by position (table message_links). Written in the
// delivery transaction that marks the messages sent; a retried send rewrites nothing.
const INSERT_LINKS = `
  INSERT INTO message_links (message_id, position, url)
  SELECT u.message_id, u.position, u.url FROM unnest($1::uuid[], $2::int[], $3::text[]) AS u(message_id, position, url)
  ON CONFLICT (message_id, position) DO NOTHING`;

export type MessageLinks = { messageId: string; links: readonly string[] };

export async function insertMessageLinks(sql: Sql, items: readonly MessageLinks[]): Promise<void> {
  const rows = items.flatMap((item) =>
    item.links.map((url, position) => ({ messageId: item.messageId, position, url })),
  );
  if (rows.length === 0) return;
  await sql.query(INSERT_LINKS, [rows.map((r) => r.messageId), rows.map((r) => r.position), rows.map((r) => r.url)]);
}
