import "server-only";
import type { ApiKeyCreateInput } from "@/lib/domain/api-scopes";
import { writeAudit } from "../audit";
import { db } from "../db";
import { newApiKeySecret } from "./api-key-secret";

/** Creates a key and returns its secret, the only time it exists outside the caller's hands. */
export async function createApiKey(options: { actorId: string; input: ApiKeyCreateInput }) {
  const { secret, prefix, hash } = newApiKeySecret();
  return db().$transaction(async (tx) => {
    const key = await tx.apiKey.create({
      data: {
        name: options.input.name,
        scopes: options.input.scopes,
        prefix,
        secretHash: hash,
        createdById: options.actorId,
      },
      select: { id: true, name: true, prefix: true, scopes: true, createdAt: true },
    });
    await writeAudit(tx, {
      actorId: options.actorId,
      action: "apiKey.create",
      entityType: "api_key",
      entityId: key.id,
      summary: `Created API key "${key.name}" (${prefix}…) with scopes ${key.scopes.join(", ")}`,
      detail: { scopes: key.scopes, prefix },
    });
    return { ...key, secret };
  });
}
