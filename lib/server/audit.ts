import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "./db";

export type AuditEntry = {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  summary: string;
  detail?: Prisma.InputJsonValue;
};

/** Always called with the transaction that makes the change, so the audit row commits with it or not at all. */
export async function writeAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({ data: { ...entry, detail: entry.detail ?? {} } });
}
