import "server-only";
import { validateImportRows, type ImportRowError, type RawImportRow } from "@/lib/domain/contact-import";
import { db } from "../db";
import { DomainError } from "../errors";
import { getStagingImport } from "./get-staging-import";

export type StageResult = { staged: number; invalid: number; errors: ImportRowError[] };

/**
 * Adds one batch of a file's rows to a staged import. Every row is checked again here with the
 * same rules the browser used (the server decides); valid rows go to contact_import_rows, invalid
 * ones are counted and their errors returned. Nothing touches `contacts` until the commit.
 */
export async function stageContactImport(options: {
  actorId: string;
  importId: string;
  rows: RawImportRow[];
}): Promise<StageResult> {
  const check = validateImportRows(options.rows);
  const valid = check.valid;
  return db().$transaction(async (tx) => {
    const staging = await getStagingImport(tx, options.importId, options.actorId);
    if (staging.stagedRows + staging.invalidRows + options.rows.length > staging.totalRows)
      throw new DomainError(
        `This import was started for ${staging.totalRows} rows; more arrived. Import the file again.`,
        "conflict",
      );
    const inserted = valid.length
      ? await tx.$executeRaw`
          INSERT INTO contact_import_rows (import_id, line, email, first_name, last_name, phone, time_zone, attributes)
          SELECT ${staging.id}::uuid, u.line, u.email, u.first_name, u.last_name, u.phone, u.time_zone, u.attributes
          FROM unnest(${valid.map((r) => r.line)}::int[], ${valid.map((r) => r.contact.email)}::text[],
                      ${valid.map((r) => r.contact.firstName)}::text[], ${valid.map((r) => r.contact.lastName)}::text[],
                      ${valid.map((r) => r.contact.phone)}::text[], ${valid.map((r) => r.contact.timeZone)}::text[],
                      ${valid.map((r) => JSON.stringify(r.contact.attributes))}::jsonb[])
               AS u(line, email, first_name, last_name, phone, time_zone, attributes)
          ON CONFLICT (import_id, line) DO NOTHING`
      : 0;
    if (inserted !== valid.length)
      throw new DomainError("Some of these lines were already uploaded; import the file again.", "conflict");
    await tx.contactImport.update({
      where: { id: staging.id },
      data: { stagedRows: { increment: inserted }, invalidRows: { increment: check.invalidRows } },
    });
    return { staged: inserted, invalid: check.invalidRows, errors: check.errors };
  });
}
