import "server-only";
import type { ImportMode } from "@/lib/domain/contact-import";
import { db } from "../db";

/**
 * Opens a staged CSV import: the browser then uploads every row of the file (stageContactImport)
 * and commits it (commitContactImport). Nothing reaches `contacts` before the commit. Starting an
 * import also deletes imports abandoned in staging for a day, with their rows.
 */
export async function startContactImport(options: {
  actorId: string;
  fileName: string;
  mode: ImportMode;
  totalRows: number;
}): Promise<{ importId: string }> {
  // Older than a day and still staging: abandoned (a closed tab, a lost connection).
  await db().$executeRaw`
    DELETE FROM contact_imports WHERE status = 'staging' AND created_at < now() - interval '1 day'`;
  const created = await db().contactImport.create({
    data: {
      createdById: options.actorId,
      fileName: options.fileName,
      mode: options.mode,
      totalRows: options.totalRows,
    },
    select: { id: true },
  });
  return { importId: created.id };
}
