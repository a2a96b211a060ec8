import "server-only";
import { db } from "../db";

export function listContacts(options: { limit: number }) {
  return db().contact.findMany({ orderBy: { email: "asc" }, take: options.limit, select: { id: true, email: true, firstName: true, lastName: true, phone: true, unsubscribedAt: true } });
}
