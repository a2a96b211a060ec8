import "server-only";
import type { PreviewContact } from "@/lib/views/editor";
import { db } from "../db";

/** One contact with its custom attributes, as the runner reads it for rendering; null when gone. */
export async function findPreviewContact(contactId: string): Promise<PreviewContact | null> {
  const row = await db().contact.findUnique({
    where: { id: contactId },
    select: { id: true, email: true, firstName: true, lastName: true, phone: true, attributes: true },
  });
  if (!row) return null;
  const attributes =
    typeof row.attributes === "object" && row.attributes !== null && !Array.isArray(row.attributes)
      ? (row.attributes as Record<string, unknown>)
      : {};
  return { ...row, attributes };
}
