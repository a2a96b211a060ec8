import "server-only";
import type { WebhookEndpointInput } from "@/lib/domain/webhook-endpoint-input";
import { writeAudit } from "../audit";
import { db } from "../db";
import { lockWebhookEndpoint } from "./lock-webhook-endpoint";
import { assertWebhookUrl } from "./webhook-policy";

export async function updateWebhookEndpoint(
  options: { actorId: string; endpointId: string } & WebhookEndpointInput,
): Promise<void> {
  assertWebhookUrl(options.url);
  await db().$transaction(async (tx) => {
    const before = await lockWebhookEndpoint(tx, options.endpointId);
    const eventTypes = [...new Set(options.eventTypes)];
    await tx.webhookEndpoint.update({
      where: { id: before.id },
      data: { url: options.url, description: options.description, eventTypes, updatedAt: new Date() },
    });
    await writeAudit(tx, {
      actorId: options.actorId,
      action: "webhook.update",
      entityType: "webhook_endpoint",
      entityId: before.id,
      summary: `Changed webhook endpoint ${options.url}`,
      detail: {
        from: { url: before.url, description: before.description, eventTypes: before.eventTypes },
        to: { url: options.url, description: options.description, eventTypes },
      },
    });
  });
}
