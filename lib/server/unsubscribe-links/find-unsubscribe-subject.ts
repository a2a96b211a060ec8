import "server-only";
import { signingKey } from "@/lib/config/signing-key";
import { readUnsubscribeToken } from "@/lib/domain/unsubscribe-link";
import { db } from "../db";

export type UnsubscribeTarget = {
  contactId: string;
  maskedEmail: string;
  unsubscribedAt: Date | null;
  organizationName: string;
};

/** "ada@…": enough for the recipient to recognise the address, nothing for whoever finds the link. */
export function maskEmail(email: string): string {
  const at = email.indexOf("@");
  return at <= 0 ? "…" : `${email.slice(0, at)}@…`;
}

/** The contact a genuine unsubscribe token names; null for a tampered token or a contact that is gone. */
export async function findUnsubscribeTarget(token: string): Promise<UnsubscribeTarget | null> {
  const subject = readUnsubscribeToken(signingKey(), token);
  if (!subject) return null;
  let contactId: string;
  if (subject.kind === "contact") contactId = subject.contactId;
  else {
    const rows = await db().$queryRaw<{ contact_id: string }[]>`
      SELECT e.contact_id FROM messages m JOIN enrollments e ON e.id = m.enrollment_id WHERE m.id = ${subject.messageId}::uuid`;
    if (!rows[0]) return null;
    contactId = rows[0].contact_id;
  }
  const [contact, settings] = await Promise.all([
    db().contact.findUnique({ where: { id: contactId }, select: { id: true, email: true, unsubscribedAt: true } }),
    db().organizationSettings.findUnique({ where: { id: true }, select: { name: true } }),
  ]);
  if (!contact) return null;
  return {
    contactId: contact.id,
    maskedEmail: maskEmail(contact.email),
    unsubscribedAt: contact.unsubscribedAt,
    organizationName: settings?.name || "Sequencer",
  };
}
