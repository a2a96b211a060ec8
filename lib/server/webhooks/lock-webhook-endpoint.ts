import "server-only";
import type { Tx } from "../db";
import { DomainError } from "../errors";

/** The endpoint row, locked for the rest of the transaction; throws when it does not exist. */
export async function lockWebhookEndpoint(tx: Tx, id: string) {
  const locked = await tx.$queryRaw<
    { id: string }[]
  >`SELECT id FROM webhook_endpoints WHERE id = ${id}::uuid FOR UPDATE`;
  if (locked.length === 0) throw new DomainError("That webhook endpoint no longer exists.", "not_found");
  return tx.webhookEndpoint.findUniqueOrThrow({ where: { id } });
}

/** Queues (or brings forward) the endpoint's delivery job, in the caller's transaction. */
export async function wakeWebhookEndpoint(tx: Tx, id: string): Promise<void> {
  await tx.$executeRaw`SELECT webhook_wake(${id}::uuid)`;
}
