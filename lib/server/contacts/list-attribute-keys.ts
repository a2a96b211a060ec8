import "server-only";
import { db } from "../db";

/** How many contacts with attributes the picker reads (newest first), and how many keys it returns. */
export const ATTRIBUTE_SAMPLE = 5_000;
export const ATTRIBUTE_KEY_LIMIT = 200;

/**
 * The custom attribute keys present on contacts, for the merge-field picker: one query,
 * `jsonb_object_keys` over the newest ATTRIBUTE_SAMPLE contacts that have any attributes.
 * The partial index contacts_with_attributes (id DESC WHERE attributes <> '{}') makes that a
 * bounded backward index scan: its cost depends on the sample, not on the table, so at 1M
 * contacts it still reads at most 5,000 rows (a few ms). The trade-off: a key that only contacts
 * older than the newest 5,000 with attributes carry is not offered (it still renders and can be
 * typed by hand). Keys that are not valid merge-field names are left out.
 */
export async function listAttributeKeys(): Promise<string[]> {
  const rows = await db().$queryRaw<{ key: string }[]>`
    SELECT DISTINCT k.key
    FROM (
      SELECT attributes FROM contacts
      WHERE attributes <> '{}'::jsonb
      ORDER BY id DESC
      LIMIT ${ATTRIBUTE_SAMPLE}
    ) c
    CROSS JOIN LATERAL jsonb_object_keys(CASE WHEN jsonb_typeof(c.attributes) = 'object' THEN c.attributes ELSE '{}'::jsonb END) AS k(key)
    WHERE k.key ~ '^[A-Za-z_][A-Za-z0-9_]{0,63}$'
    ORDER BY k.key
    LIMIT ${ATTRIBUTE_KEY_LIMIT}`;
  return rows.map((r) => r.key);
}
