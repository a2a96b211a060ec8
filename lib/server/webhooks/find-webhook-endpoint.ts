import "server-only";
import type { WebhookEndpointView } from "@/lib/views/webhooks";
import { db } from "../db";
import { toView } from "./list-webhook-endpoints";

export async function findWebhookEndpoint(id: string): Promise<WebhookEndpointView | null> {
  const endpoint = await db().webhookEndpoint.findUnique({ where: { id } });
  if (!endpoint) return null;
  const [pending, failed] = await Promise.all([
    db().webhookDelivery.count({ where: { endpointId: id, status: "pending" } }),
    db().webhookDelivery.count({ where: { endpointId: id, status: "failed" } }),
  ]);
  return toView(endpoint, { pending, failed });
}
