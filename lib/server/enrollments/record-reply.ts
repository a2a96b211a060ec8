import "server-only";
import { prismaSql } from "@/lib/store/sql";
import { writeAudit } from "../audit";
import { db } from "../db";
import { DomainError } from "../errors";
import { exitOnContactSignal } from "./exit-on-contact-signal";

/**
 * A reply lands on every in-flight enrollment of the contact; those whose pinned version says
 * exitOnReply exit, the others only record it.
 */
export async function recordReply(options: { actorId: string | null; contactId: string; now?: Date }) {
  const now = options.now ?? new Date();
  return db().$transaction(async (tx) => {
    const contact = await tx.contact.findUnique({
      where: { id: options.contactId },
      select: { id: true, email: true },
    });
    if (!contact) throw new DomainError("That contact no longer exists.", "not_found");
    const { exited, kept } = await exitOnContactSignal(prismaSql(tx), contact.id, "reply", now);
    await writeAudit(tx, {
      actorId: options.actorId,
      action: "contact.reply",
      entityType: "contact",
      entityId: contact.id,
      summary: `Recorded a reply from ${contact.email}; ${exited.length} enrollment(s) exited`,
      detail: { exited, kept },
    });
    return { exited, kept };
  });
}
