import "server-only";
import type { MigrationListRow } from "@/lib/views/migrations";
import { db } from "../db";
import { listMigrations } from "./list-migrations";

/** The history page: the sequence's name and its migrations, or null when there is no such sequence. */
export async function findMigrationHistory(
  sequenceId: string,
): Promise<{ sequence: { id: string; name: string }; rows: MigrationListRow[] } | null> {
  const sequence = await db().sequence.findUnique({ where: { id: sequenceId }, select: { id: true, name: true } });
  if (!sequence) return null;
  return { sequence, rows: await listMigrations({ sequenceId }) };
}
