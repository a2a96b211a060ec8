import "server-only";
import { prismaSql } from "@/lib/store/sql";
import { writeAudit } from "../audit";
import { db } from "../db";
import { DomainError } from "../errors";
import { exitOnContactSignal } from "./exit-on-contact-signal";

/**
 * Marks the contact unsubscribed (the first time counts) and exits its in-flight enrollments
 * whose pinned version says exitOnUnsubscribe. The runner also checks unsubscribed_at before it
 * sends, so an enrollment that slips past this still exits instead of sending.
 */
export async function unsubscribeContact(options: { actorId: string | null; contactId: string; now?: Date }) {
  const now = options.now ?? new Date();
  return db().$transaction(async (tx) => {
    const contact = await tx.contact.findUnique({
      where: { id: options.contactId },
      select: { id: true, email: true, unsubscribedAt: true },
    });
    if (!contact) throw new DomainError("That contact no longer exists.", "not_found");
    const unsubscribedAt = contact.unsubscribedAt ?? now;
    if (!contact.unsubscribedAt) await tx.contact.update({ where: { id: contact.id }, data: { unsubscribedAt: now } });
    const { exited, kept } = await exitOnContactSignal(prismaSql(tx), contact.id, "unsubscribe", now);
    await writeAudit(tx, {
      actorId: options.actorId,
      action: "contact.unsubscribe",
      entityType: "contact",
      entityId: contact.id,
      summary: `Unsubscribed ${contact.email}; ${exited.length} enrollment(s) exited`,
      detail: { exited, kept },
    });
    return { unsubscribedAt, exited, kept };
  });
}
