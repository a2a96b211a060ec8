import "server-only";
import { db } from "../db";

/** The organisation's one settings row (created by the migration that made the table). */
export async function getOrganizationSettings() {
  return db().organizationSettings.findUniqueOrThrow({ where: { id: true } });
}
