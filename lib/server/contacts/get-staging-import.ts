import "server-only";
import type { ImportMode } from "@/lib/domain/contact-import";
import type { Tx } from "../db";
import { DomainError } from "../errors";

export type StagingImport = {
  id: string;
  mode: ImportMode;
  fileName: string;
  totalRows: number;
  stagedRows: number;
  invalidRows: number;
};

/**
 * The caller's import, still in staging, locked for the rest of the transaction (two uploads of
 * the same import, or an upload racing the commit, take turns). Only its author may add to it.
 */
export async function getStagingImport(tx: Tx, importId: string, actorId: string): Promise<StagingImport> {
  const rows = await tx.$queryRaw<
    {
      id: string;
      mode: ImportMode;
      file_name: string;
      status: string;
      created_by_id: string;
      total_rows: number;
      staged_rows: number;
      invalid_rows: number;
    }[]
  >`SELECT id, mode, file_name, status, created_by_id, total_rows, staged_rows, invalid_rows
    FROM contact_imports WHERE id = ${importId}::uuid FOR UPDATE`;
  const row = rows[0];
  if (!row || row.created_by_id !== actorId)
    throw new DomainError("That import does not exist (it may have expired); import the file again.", "not_found");
  if (row.status !== "staging")
    throw new DomainError(`That import is already ${row.status}; import the file again to start over.`, "conflict");
  return {
    id: row.id,
    mode: row.mode,
    fileName: row.file_name,
    totalRows: row.total_rows,
    stagedRows: row.staged_rows,
    invalidRows: row.invalid_rows,
  };
}
