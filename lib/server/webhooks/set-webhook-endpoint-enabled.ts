import "server-only";
import { writeAudit } from "../audit";
import { db } from "../db";
import { lockWebhookEndpoint, wakeWebhookEndpoint } from "./lock-webhook-endpoint";

/** Disables (deliveries wait) or enables (pending deliveries resume at once) an endpoint. */
export async function setWebhookEndpointEnabled(options: {
  actorId: string;
  endpointId: string;
  enabled: boolean;
}): Promise<void> {
  await db().$transaction(async (tx) => {
    const endpoint = await lockWebhookEndpoint(tx, options.endpointId);
    if (endpoint.enabled === options.enabled) return;
    await tx.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: options.enabled
        ? { enabled: true, disabledReason: null, disabledAt: null, updatedAt: new Date() }
        : { enabled: false, disabledReason: "Disabled by an admin.", disabledAt: new Date(), updatedAt: new Date() },
    });
    if (options.enabled) await wakeWebhookEndpoint(tx, endpoint.id);
    await writeAudit(tx, {
      actorId: options.actorId,
      action: options.enabled ? "webhook.enable" : "webhook.disable",
      entityType: "webhook_endpoint",
      entityId: endpoint.id,
      summary: `${options.enabled ? "Enabled" : "Disabled"} webhook endpoint ${endpoint.url}`,
      detail: options.enabled ? { previousReason: endpoint.disabledReason } : {},
    });
  });
}
