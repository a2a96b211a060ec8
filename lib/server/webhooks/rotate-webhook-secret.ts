import "server-only";
import { generateWebhookSecret, ROTATION_OVERLAP_MS, secretHint } from "@/lib/domain/webhook-signature";
import type { WebhookSecretReveal } from "@/lib/views/webhooks";
import { writeAudit } from "../audit";
import { db } from "../db";
import { lockWebhookEndpoint } from "./lock-webhook-endpoint";

/**
 * A new secret, returned this once. The old one keeps signing (both signatures in the header)
 * for 24 hours so receivers can switch without dropping a request.
 */
export async function rotateWebhookSecret(options: {
  actorId: string;
  endpointId: string;
  now?: Date;
}): Promise<WebhookSecretReveal> {
  const now = options.now ?? new Date();
  const secret = generateWebhookSecret();
  return db().$transaction(async (tx) => {
    const endpoint = await lockWebhookEndpoint(tx, options.endpointId);
    const expires = new Date(now.getTime() + ROTATION_OVERLAP_MS);
    await tx.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: { secret, previousSecret: endpoint.secret, previousSecretExpiresAt: expires, updatedAt: now },
    });
    await writeAudit(tx, {
      actorId: options.actorId,
      action: "webhook.rotate_secret",
      entityType: "webhook_endpoint",
      entityId: endpoint.id,
      summary: `Rotated the signing secret of ${endpoint.url}; the old one signs until ${expires.toISOString()}`,
      detail: { newSecret: secretHint(secret), oldSecretValidUntil: expires.toISOString() },
    });
    return { endpointId: endpoint.id, secret };
  });
}
