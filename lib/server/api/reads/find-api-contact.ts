import "server-only";
import { db } from "../../db";
import { apiContact } from "./contact-shape";

export async function findApiContact(id: string) {
  const row = await db().contact.findUnique({ where: { id } });
  return row ? apiContact(row) : null;
}
