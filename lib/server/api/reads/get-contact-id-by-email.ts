import "server-only";
import { db } from "../../db";
import { DomainError } from "../../errors";

/** Inbound events name the contact by email; an unknown address is the caller's mistake. */
export async function getContactIdByEmail(email: string): Promise<string> {
  const row = await db().contact.findUnique({ where: { email: email.toLowerCase() }, select: { id: true } });
  if (!row) throw new DomainError(`No contact has the email ${email}.`, "not_found");
  return row.id;
}
