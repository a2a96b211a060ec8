import "server-only";
import { looksLikeApiKey, type ApiScope } from "@/lib/domain/api-scopes";
import { db } from "../db";
import { hashApiKey } from "../api-keys/api-key-secret";

export type ApiKeyContext = { id: string; name: string; scopes: ApiScope[]; actorId: string };

const LAST_USED_EVERY_MS = 60_000;
// Per process: skips even the conditional UPDATE when this server recorded a use recently.
const lastRecorded = new Map<string, number>();

/** The key of `Authorization: Bearer <secret>`, or null when missing, unknown or revoked. */
export async function authenticateKey(authorization: string | null, now = new Date()): Promise<ApiKeyContext | null> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
  const secret = match?.[1];
  if (!secret || !looksLikeApiKey(secret)) return null;
  const key = await db().apiKey.findUnique({
    where: { secretHash: hashApiKey(secret) },
    select: { id: true, name: true, scopes: true, createdById: true, revokedAt: true },
  });
  if (!key || key.revokedAt) return null;
  await recordUse(key.id, now);
  return { id: key.id, name: key.name, scopes: key.scopes as ApiScope[], actorId: key.createdById };
}

/** last_used_at, written at most once a minute per key (and only if no other server did it meanwhile). */
async function recordUse(keyId: string, now: Date): Promise<void> {
  const last = lastRecorded.get(keyId);
  if (last !== undefined && now.getTime() - last < LAST_USED_EVERY_MS) return;
  lastRecorded.set(keyId, now.getTime());
  await db().apiKey.updateMany({
    where: {
      id: keyId,
      OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - LAST_USED_EVERY_MS) } }],
    },
    data: { lastUsedAt: now },
  });
}
