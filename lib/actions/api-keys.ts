"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { apiKeyCreateSchema } from "@/lib/domain/api-scopes";
import { defineAction } from "@/lib/server/action-client";
import { createApiKey } from "@/lib/server/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/server/api-keys/revoke-api-key";
import type { CreatedApiKey } from "@/lib/views/api-keys";

// The secret travels back once, in this action's result; it is never stored or shown again.
export const createApiKeyAction = defineAction({
  name: "apiKeys.create",
  role: "admin",
  input: apiKeyCreateSchema,
  handler: async (input, { user }): Promise<CreatedApiKey> => {
    const created = await createApiKey({ actorId: user.id, input });
    revalidatePath("/settings/api-keys");
    return {
      id: created.id,
      name: created.name,
      prefix: created.prefix,
      scopes: created.scopes,
      secret: created.secret,
    };
  },
});

export const revokeApiKeyAction = defineAction({
  name: "apiKeys.revoke",
  role: "admin",
  input: z.object({ keyId: z.uuid() }),
  handler: async (input, { user }) => {
    const result = await revokeApiKey({ actorId: user.id, keyId: input.keyId });
    revalidatePath("/settings/api-keys");
    return result;
  },
});
