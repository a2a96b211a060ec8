import "server-only";
import { IMPORT_BATCH_MAX, type ContactInput } from "@/lib/domain/contact-input";
import { writeAudit } from "../audit";
import { db } from "../db";
import { DomainError } from "../errors";

export type UpsertedContact = { id: string; email: string; created: boolean };

/**
 * Creates or updates up to IMPORT_BATCH_MAX contacts by email in one statement (the API's upsert;
 * the CSV import's twin, but it returns each contact's id). Names and phone are replaced only by
 * a value, attributes are merged, so a narrower payload never wipes what it did not send.
 */
export async function upsertContacts(options: {
  actorId: string;
  contacts: ContactInput[];
  via?: string;
}): Promise<UpsertedContact[]> {
  const rows = options.contacts;
  if (rows.length === 0) return [];
  if (rows.length > IMPORT_BATCH_MAX) throw new DomainError(`At most ${IMPORT_BATCH_MAX} contacts per batch.`);
  const seen = new Set<string>();
  for (const row of rows) {
    if (seen.has(row.email)) throw new DomainError(`The email ${row.email} appears twice in this batch.`);
    seen.add(row.email);
  }
  return db().$transaction(async (tx) => {
    const result = await tx.$queryRaw<UpsertedContact[]>`
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
      RETURNING id, email, (xmax = 0) AS created`;
    const created = result.filter((r) => r.created).length;
    await writeAudit(tx, {
      actorId: options.actorId,
      action: "contact.upsert",
      entityType: "contact",
      entityId: result.length === 1 ? (result[0]?.id ?? null) : null,
      summary: `Upserted ${result.length} contact(s)${options.via ? ` via ${options.via}` : ""}: ${created} new, ${result.length - created} updated`,
      detail: { received: rows.length, created, via: options.via ?? null },
    });
    return result;
  });
}
