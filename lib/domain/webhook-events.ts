// The webhook event vocabulary. The database triggers (prisma/migrations/*_webhooks) write these
// types; tests/webhook-outbox.test.ts checks that every type here can be produced.

export const WEBHOOK_EVENT_TYPES = [
  "version.published",
  "enrollment.created",
  "enrollment.migrated",
  "enrollment.completed",
  "enrollment.exited",
  "message.sent",
  "message.failed",
  "task.created",
  "task.completed",
  "contact.unsubscribed",
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const WEBHOOK_EVENT_DESCRIPTIONS: Record<WebhookEventType, string> = {
  "version.published": "A sequence version was published",
  "enrollment.created": "A contact was enrolled",
  "enrollment.migrated": "An enrollment was moved to another version",
  "enrollment.completed": "An enrollment reached the end of its sequence",
  "enrollment.exited": "An enrollment exited early (unenrolled, replied, unsubscribed, …)",
  "message.sent": "An email or SMS was sent",
  "message.failed": "An email or SMS could not be delivered",
  "task.created": "A manual task was created",
  "task.completed": "A manual task was completed",
  "contact.unsubscribed": "A contact unsubscribed",
};

export function isWebhookEventType(value: string): value is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}

/** The body every endpoint receives (Standard Webhooks: `type`, `timestamp`, `data`). */
export type WebhookPayload = { type: string; timestamp: string; data: unknown };

export function webhookBody(event: { type: string; at: Date; data: unknown }): string {
  const payload: WebhookPayload = { type: event.type, timestamp: event.at.toISOString(), data: event.data };
  return JSON.stringify(payload);
}
