// What the webhook settings pages hand to their components (type-only). Secrets never appear
// here: only a hint, and the full secret once, in the result of create or rotate.

export type WebhookEndpointView = {
  id: string;
  url: string;
  description: string;
  eventTypes: string[];
  enabled: boolean;
  disabledReason: string | null;
  disabledAt: Date | null;
  secretHint: string;
  rotatingUntil: Date | null;
  lastSuccessAt: Date | null;
  createdAt: Date;
  pending: number;
  failed: number;
};

export type WebhookDeliveryView = {
  id: string;
  eventId: string;
  eventType: string;
  orderingKey: string;
  status: "pending" | "succeeded" | "failed";
  attempts: number;
  lastResponseCode: number | null;
  lastError: string | null;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date;
  createdAt: Date;
};

export type WebhookSecretReveal = { endpointId: string; secret: string };
