import "server-only";
import { db } from "../../db";
import { DomainError } from "../../errors";

/** The sequence's name; a missing sequence is a 404 for the caller. */
export async function getSequenceName(id: string): Promise<string> {
  const row = await db().sequence.findUnique({ where: { id }, select: { name: true } });
  if (!row) throw new DomainError("That sequence does not exist.", "not_found");
  return row.name;
}
