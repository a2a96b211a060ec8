import { z } from "zod";
import { WEBHOOK_EVENT_TYPES } from "./webhook-events";

/** What an admin enters for an endpoint (the settings form and, later, the API). */
export const webhookEndpointInput = z.object({
  url: z.string().trim().min(1, "Enter the endpoint's URL").max(2000),
  description: z.string().trim().max(200).default(""),
  eventTypes: z
    .array(z.enum(WEBHOOK_EVENT_TYPES))
    .min(1, "Choose at least one event type")
    .max(WEBHOOK_EVENT_TYPES.length),
});

export type WebhookEndpointInput = z.infer<typeof webhookEndpointInput>;
