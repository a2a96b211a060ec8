import "server-only";
import type { WebhookDeliveryView } from "@/lib/views/webhooks";
import { db } from "../db";

/** An endpoint's newest deliveries first (index `(endpoint_id, event_seq)`). */
export async function listWebhookDeliveries(endpointId: string, limit = 100): Promise<WebhookDeliveryView[]> {
  const rows = await db().webhookDelivery.findMany({
    where: { endpointId },
    orderBy: { eventSeq: "desc" },
    take: limit,
    include: { event: { select: { type: true } } },
  });
  return rows.map((d) => ({
    id: d.id,
    eventId: d.eventId,
    eventType: d.event.type,
    orderingKey: d.orderingKey,
    status: d.status,
    attempts: d.attempts,
    lastResponseCode: d.lastResponseCode,
    lastError: d.lastError,
    lastAttemptAt: d.lastAttemptAt,
    nextAttemptAt: d.nextAttemptAt,
    createdAt: d.createdAt,
  }));
}
