import "server-only";
import { secretHint } from "@/lib/domain/webhook-signature";
import type { WebhookEndpointView } from "@/lib/views/webhooks";
import { db } from "../db";

type Row = Parameters<typeof toView>[0];

export function toView(
  e: {
    id: string;
    url: string;
    description: string;
    eventTypes: string[];
    enabled: boolean;
    disabledReason: string | null;
    disabledAt: Date | null;
    secret: string;
    previousSecretExpiresAt: Date | null;
    lastSuccessAt: Date | null;
    createdAt: Date;
  },
  counts: { pending: number; failed: number },
): WebhookEndpointView {
  return {
    id: e.id,
    url: e.url,
    description: e.description,
    eventTypes: e.eventTypes,
    enabled: e.enabled,
    disabledReason: e.disabledReason,
    disabledAt: e.disabledAt,
    secretHint: secretHint(e.secret),
    rotatingUntil:
      e.previousSecretExpiresAt && e.previousSecretExpiresAt > new Date() ? e.previousSecretExpiresAt : null,
    lastSuccessAt: e.lastSuccessAt,
    createdAt: e.createdAt,
    ...counts,
  };
}

export async function listWebhookEndpoints(): Promise<WebhookEndpointView[]> {
  const [endpoints, counts] = await Promise.all([
    db().webhookEndpoint.findMany({ orderBy: { createdAt: "asc" } }),
    db().webhookDelivery.groupBy({
      by: ["endpointId", "status"],
      where: { status: { not: "succeeded" } },
      _count: true,
    }),
  ]);
  const count = (id: string, status: string) =>
    counts.find((c) => c.endpointId === id && c.status === status)?._count ?? 0;
  return endpoints.map((e: Row) => toView(e, { pending: count(e.id, "pending"), failed: count(e.id, "failed") }));
}
