import "server-only";
import type { Contact } from "@/lib/generated/prisma/client";

/** A contacts row as the API shows it (attributes are a JSON object of strings). */
export function apiContact(row: Contact) {
  return {
    id: row.id,
    email: row.email,
    firstName: row.firstName,
    lastName: row.lastName,
    phone: row.phone,
    timeZone: row.timeZone,
    attributes: (row.attributes ?? {}) as Record<string, string>,
    unsubscribedAt: row.unsubscribedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
