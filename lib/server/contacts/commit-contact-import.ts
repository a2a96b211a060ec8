import "server-only";
import type { ImportOutcome } from "@/lib/domain/contact-import";
import { writeAudit } from "../audit";
import { db } from "../db";
import { DomainError } from "../errors";
import { getStagingImport } from "./get-staging-import";

// A 100,000-row file is one upsert statement; give it room on a busy server.
const TX_OPTIONS = { timeout: 120_000, maxWait: 30_000 };
const rows = (n: number) => `${n} row${n === 1 ? "" : "s"}`;

/**
 * Ends a staged import in one transaction. Every row of the file must have arrived. A repeated
 * email counts as an invalid row (its first line wins). All or nothing: any invalid row refuses
 * the whole file and imports nothing. Valid rows: every valid row is upserted (by email, in one
 * statement) and the rest are counted as skipped. Either way the staged rows are deleted, and the
 * import's outcome and its audit row commit together with the contacts, or not at all.
 */
export async function commitContactImport(options: { actorId: string; importId: string }): Promise<ImportOutcome> {
  return db().$transaction(async (tx) => {
    const staging = await getStagingImport(tx, options.importId, options.actorId);
    const arrived = staging.stagedRows + staging.invalidRows;
    if (arrived !== staging.totalRows)
      throw new DomainError(
        `Only ${arrived} of ${staging.totalRows} rows arrived, so nothing was imported; import the file again.`,
        "conflict",
      );
    const [dup] = await tx.$queryRaw<{ count: bigint }[]>`
      SELECT count(*) AS count FROM (
        SELECT row_number() OVER (PARTITION BY email ORDER BY line) AS n
        FROM contact_import_rows WHERE import_id = ${staging.id}::uuid) ranked
      WHERE n > 1`;
    const duplicateRows = Number(dup?.count ?? 0);
    const invalidRows = staging.invalidRows;
    const finish = async (data: Record<string, unknown>, summary: string, detail: Record<string, unknown>) => {
      await tx.$executeRaw`DELETE FROM contact_import_rows WHERE import_id = ${staging.id}::uuid`;
      await tx.contactImport.update({ where: { id: staging.id }, data: { ...data, finishedAt: new Date() } });
      await writeAudit(tx, {
        actorId: options.actorId,
        action: "contact.import",
        entityType: "contact",
        entityId: null,
        summary,
        detail: { importId: staging.id, fileName: staging.fileName, mode: staging.mode, ...detail },
      });
    };

    if (staging.mode === "all_or_nothing" && invalidRows + duplicateRows > 0) {
      const bad = invalidRows + duplicateRows;
      await finish(
        { status: "refused", skippedCount: staging.totalRows },
        `Refused ${staging.fileName} (all or nothing): ${rows(bad)} with errors, nothing imported`,
        { invalidRows, duplicateRows },
      );
      return { status: "refused", mode: staging.mode, invalidRows, duplicateRows };
    }

    // xmax = 0 only on a freshly inserted row: how PostgreSQL tells an insert from an update.
    const [counts] = await tx.$queryRaw<{ created: bigint; total: bigint }[]>`
      WITH upserted AS (
        INSERT INTO contacts (email, first_name, last_name, phone, time_zone, attributes)
        SELECT DISTINCT ON (r.email) r.email, r.first_name, r.last_name, r.phone, r.time_zone, r.attributes
        FROM contact_import_rows r WHERE r.import_id = ${staging.id}::uuid
        ORDER BY r.email, r.line
        ON CONFLICT (email) DO UPDATE SET
          first_name = coalesce(EXCLUDED.first_name, contacts.first_name),
          last_name = coalesce(EXCLUDED.last_name, contacts.last_name),
          phone = coalesce(EXCLUDED.phone, contacts.phone),
          time_zone = coalesce(EXCLUDED.time_zone, contacts.time_zone),
          attributes = contacts.attributes || EXCLUDED.attributes,
          updated_at = now()
        RETURNING (xmax = 0) AS inserted)
      SELECT count(*) FILTER (WHERE inserted) AS created, count(*) AS total FROM upserted`;
    const created = Number(counts?.created ?? 0);
    const updated = Number(counts?.total ?? 0) - created;
    const skipped = invalidRows + duplicateRows;
    await finish(
      { status: "committed", createdCount: created, updatedCount: updated, skippedCount: skipped },
      `Imported ${staging.fileName}: ${created} new, ${updated} updated${skipped ? `, ${skipped} invalid skipped` : ""}`,
      { created, updated, skipped },
    );
    return { status: "committed", mode: staging.mode, created, updated, skipped };
  }, TX_OPTIONS);
}
