import "server-only";
import { writeAudit } from "../audit";
import { db } from "../db";
import { lockWebhookEndpoint } from "./lock-webhook-endpoint";

/** Removes an endpoint with its deliveries and attempts (events stay for other endpoints). */
export async function deleteWebhookEndpoint(options: { actorId: string; endpointId: string }): Promise<void> {
  await db().$transaction(async (tx) => {
    const endpoint = await lockWebhookEndpoint(tx, options.endpointId);
    const deliveries = await tx.webhookDelivery.count({ where: { endpointId: endpoint.id } });
    await tx.webhookEndpoint.delete({ where: { id: endpoint.id } });
    await writeAudit(tx, {
      actorId: options.actorId,
      action: "webhook.delete",
      entityType: "webhook_endpoint",
      entityId: endpoint.id,
      summary: `Deleted webhook endpoint ${endpoint.url} and its ${deliveries} deliveries`,
      detail: { url: endpoint.url, eventTypes: endpoint.eventTypes, deliveries },
    });
  });
}
