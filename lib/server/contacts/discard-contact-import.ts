import "server-only";
import { db } from "../db";

/** Stop or Escape during an upload: the staged rows go, nothing was imported. Idempotent. */
export async function discardContactImport(options: { actorId: string; importId: string }): Promise<void> {
  await db().$executeRaw`
    DELETE FROM contact_imports
    WHERE id = ${options.importId}::uuid AND created_by_id = ${options.actorId}::uuid AND status = 'staging'`;
}
