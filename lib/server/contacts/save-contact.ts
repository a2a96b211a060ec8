import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { writeAudit } from "../audit";
import { db } from "../db";
import { DomainError } from "../errors";
import type { ContactInput, ContactUpdate } from "@/lib/domain/contact-input";

function duplicateEmail(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/** Creates one contact; an email that exists already is a conflict the user can act on. */
export async function createContact(options: { actorId: string; contact: ContactInput }) {
  try {
    return await db().$transaction(async (tx) => {
      const created = await tx.contact.create({ data: options.contact, select: { id: true, email: true } });
      await writeAudit(tx, {
        actorId: options.actorId,
        action: "contact.create",
        entityType: "contact",
        entityId: created.id,
        summary: `Created contact ${created.email}`,
      });
      return created;
    });
  } catch (error) {
    if (duplicateEmail(error))
      throw new DomainError(`A contact with the email ${options.contact.email} already exists.`, "conflict");
    throw error;
  }
}

/** Updates one contact's fields (not its subscription: unsubscribing also exits enrollments, see unsubscribeContact). */
export async function updateContact(options: { actorId: string; contactId: string; contact: ContactUpdate }) {
  try {
    return await db().$transaction(async (tx) => {
      const existing = await tx.contact.findUnique({ where: { id: options.contactId }, select: { id: true } });
      if (!existing) throw new DomainError("That contact no longer exists.", "not_found");
      const updated = await tx.contact.update({
        where: { id: options.contactId },
        data: options.contact,
        select: { id: true, email: true },
      });
      await writeAudit(tx, {
        actorId: options.actorId,
        action: "contact.update",
        entityType: "contact",
        entityId: updated.id,
        summary: `Updated contact ${updated.email}`,
      });
      return updated;
    });
  } catch (error) {
    if (duplicateEmail(error))
      throw new DomainError(`Another contact already has the email ${options.contact.email}.`, "conflict");
    throw error;
  }
}
