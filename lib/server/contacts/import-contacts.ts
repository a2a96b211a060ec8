import "server-only";
import { writeAudit } from "../audit";
import { db } from "../db";
import { DomainError } from "../errors";
import { IMPORT_BATCH_MAX, type ContactInput } from "@/lib/domain/contact-input";

export type ImportBatchResult = { received: number; created: number; updated: number };

/**
 * Upserts one batch (at most IMPORT_BATCH_MAX rows) by email in one transaction and one
 * statement: INSERT ... ON CONFLICT (email) DO UPDATE. The client sends a file as consecutive
 * batches and shows progress; each batch commits on its own, so a failure stops the import at a
 * batch boundary and the summary says how far it got. Existing attributes are merged, not replaced,
 * so re-importing a narrower file does not wipe columns it did not have.
 */
export async function importContacts(options: {
  actorId: string;
  rows: ContactInput[];
  batchLabel?: string;
}): Promise<ImportBatchResult> {
  if (options.rows.length > IMPORT_BATCH_MAX) throw new DomainError(`At most ${IMPORT_BATCH_MAX} rows per batch.`);
  const seen = new Set<string>();
  for (const row of options.rows) {
    if (seen.has(row.email))
      throw new DomainError(
        `The email ${row.email} appears twice in this batch; remove the duplicate and import again.`,
      );
    seen.add(row.email);
  }
  const rows = options.rows;
  return db().$transaction(async (tx) => {
    // xmax = 0 only on a freshly inserted row: how PostgreSQL tells an insert from an update in RETURNING.
    const result = await tx.$queryRaw<{ inserted: boolean }[]>`
      INSERT INTO contacts (email, first_name, last_name, phone, time_zone, attributes)
      SELECT u.email, u.first_name, u.last_name, u.phone, u.time_zone, u.attributes
      FROM unnest(${rows.map((r) => r.email)}::text[], ${rows.map((r) => r.firstName)}::text[], ${rows.map((r) => r.lastName)}::text[],
                  ${rows.map((r) => r.phone)}::text[], ${rows.map((r) => r.timeZone)}::text[],
                  ${rows.map((r) => JSON.stringify(r.attributes))}::jsonb[])
           AS u(email, first_name, last_name, phone, time_zone, attributes)
      ON CONFLICT (email) DO UPDATE SET
        first_name = coalesce(EXCLUDED.first_name, contacts.first_name),
        last_name = coalesce(EXCLUDED.last_name, contacts.last_name),
        phone = coalesce(EXCLUDED.phone, contacts.phone),
        time_zone = coalesce(EXCLUDED.time_zone, contacts.time_zone),
        attributes = contacts.attributes || EXCLUDED.attributes,
        updated_at = now()
      RETURNING (xmax = 0) AS inserted`;
    const created = result.filter((r) => r.inserted).length;
    const summary = { received: rows.length, created, updated: rows.length - created };
    await writeAudit(tx, {
      actorId: options.actorId,
      action: "contact.import",
      entityType: "contact",
      entityId: null,
      summary: `Imported ${rows.length} contact(s)${options.batchLabel ? ` (${options.batchLabel})` : ""}: ${created} new, ${summary.updated} updated`,
      detail: summary,
    });
    return summary;
  });
}
