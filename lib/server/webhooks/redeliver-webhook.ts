import "server-only";
import { writeAudit } from "../audit";
import { db } from "../db";
import { DomainError } from "../errors";
import { lockWebhookEndpoint, wakeWebhookEndpoint } from "./lock-webhook-endpoint";

/**
 * Queues a finished delivery (succeeded or failed) again with a fresh backoff schedule. The same
 * `webhook-id` is sent, so a receiver that deduplicates sees it as a repeat.
 */
export async function redeliverWebhook(options: { actorId: string; deliveryId: string }): Promise<void> {
  await db().$transaction(async (tx) => {
    const delivery = await tx.webhookDelivery.findUnique({
      where: { id: options.deliveryId },
      include: { event: { select: { type: true } } },
    });
    if (!delivery) throw new DomainError("That delivery no longer exists.", "not_found");
    const endpoint = await lockWebhookEndpoint(tx, delivery.endpointId);
    if (!endpoint.enabled)
      throw new DomainError("Enable the endpoint first: a disabled endpoint is sent nothing.", "conflict");
    const { count } = await tx.webhookDelivery.updateMany({
      where: { id: delivery.id, status: { not: "pending" } },
      data: { status: "pending", roundAttempts: 0, roundStartedAt: null, nextAttemptAt: new Date() },
    });
    if (count === 0) throw new DomainError("That delivery is already queued.", "conflict");
    await wakeWebhookEndpoint(tx, endpoint.id);
    await writeAudit(tx, {
      actorId: options.actorId,
      action: "webhook.redeliver",
      entityType: "webhook_endpoint",
      entityId: endpoint.id,
      summary: `Queued ${delivery.event.type} again for ${endpoint.url}`,
      detail: { deliveryId: delivery.id, eventId: delivery.eventId, previousStatus: delivery.status },
    });
  });
}
