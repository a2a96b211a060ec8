import "server-only";
import type { WebhookEndpointInput } from "@/lib/domain/webhook-endpoint-input";
import { generateWebhookSecret } from "@/lib/domain/webhook-signature";
import type { WebhookSecretReveal } from "@/lib/views/webhooks";
import { writeAudit } from "../audit";
import { db } from "../db";
import { assertWebhookUrl } from "./webhook-policy";

/** Registers an endpoint; the secret is returned this once (the UI shows it, then only a hint). */
export async function createWebhookEndpoint(
  options: { actorId: string } & WebhookEndpointInput,
): Promise<WebhookSecretReveal> {
  assertWebhookUrl(options.url);
  const secret = generateWebhookSecret();
  return db().$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.create({
      data: {
        url: options.url,
        description: options.description,
        eventTypes: [...new Set(options.eventTypes)],
        secret,
        createdById: options.actorId,
      },
    });
    await writeAudit(tx, {
      actorId: options.actorId,
      action: "webhook.create",
      entityType: "webhook_endpoint",
      entityId: endpoint.id,
      summary: `Registered webhook endpoint ${options.url}`,
      detail: { url: options.url, eventTypes: endpoint.eventTypes },
    });
    return { endpointId: endpoint.id, secret };
  });
}
