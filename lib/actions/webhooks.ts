"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { webhookEndpointInput } from "@/lib/domain/webhook-endpoint-input";
import { defineAction } from "@/lib/server/action-client";
import { createWebhookEndpoint } from "@/lib/server/webhooks/create-webhook-endpoint";
import { deleteWebhookEndpoint } from "@/lib/server/webhooks/delete-webhook-endpoint";
import { redeliverWebhook } from "@/lib/server/webhooks/redeliver-webhook";
import { rotateWebhookSecret } from "@/lib/server/webhooks/rotate-webhook-secret";
import { setWebhookEndpointEnabled } from "@/lib/server/webhooks/set-webhook-endpoint-enabled";
import { updateWebhookEndpoint } from "@/lib/server/webhooks/update-webhook-endpoint";

const PATH = "/settings/webhooks";

export const createWebhookEndpointAction = defineAction({
  name: "webhooks.create",
  role: "admin",
  input: webhookEndpointInput,
  handler: async (input, { user }) => {
    const created = await createWebhookEndpoint({ actorId: user.id, ...input });
    revalidatePath(PATH);
    return created;
  },
});

export const updateWebhookEndpointAction = defineAction({
  name: "webhooks.update",
  role: "admin",
  input: webhookEndpointInput.extend({ endpointId: z.uuid() }),
  handler: async (input, { user }) => {
    await updateWebhookEndpoint({ actorId: user.id, ...input });
    revalidatePath(PATH, "layout");
  },
});

export const setWebhookEndpointEnabledAction = defineAction({
  name: "webhooks.setEnabled",
  role: "admin",
  input: z.object({ endpointId: z.uuid(), enabled: z.boolean() }),
  handler: async (input, { user }) => {
    await setWebhookEndpointEnabled({ actorId: user.id, ...input });
    revalidatePath(PATH, "layout");
  },
});

export const rotateWebhookSecretAction = defineAction({
  name: "webhooks.rotateSecret",
  role: "admin",
  input: z.object({ endpointId: z.uuid() }),
  handler: async (input, { user }) => {
    const rotated = await rotateWebhookSecret({ actorId: user.id, endpointId: input.endpointId });
    revalidatePath(PATH, "layout");
    return rotated;
  },
});

export const deleteWebhookEndpointAction = defineAction({
  name: "webhooks.delete",
  role: "admin",
  input: z.object({ endpointId: z.uuid() }),
  handler: async (input, { user }) => {
    await deleteWebhookEndpoint({ actorId: user.id, endpointId: input.endpointId });
    revalidatePath(PATH, "layout");
  },
});

export const redeliverWebhookAction = defineAction({
  name: "webhooks.redeliver",
  role: "admin",
  input: z.object({ deliveryId: z.uuid() }),
  handler: async (input, { user }) => {
    await redeliverWebhook({ actorId: user.id, deliveryId: input.deliveryId });
    revalidatePath(PATH, "layout");
  },
});
