import "server-only";
import type { ApiKeyRow } from "@/lib/views/api-keys";
import { db } from "../db";

/** Every key, newest first, with who created it; never the hash. */
export async function listApiKeys(): Promise<ApiKeyRow[]> {
  const keys = await db().apiKey.findMany({
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      name: true,
      prefix: true,
      scopes: true,
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
      createdById: true,
    },
  });
  const users = await db().user.findMany({
    where: { id: { in: [...new Set(keys.map((k) => k.createdById))] } },
    select: { id: true, name: true },
  });
  const names = new Map(users.map((u) => [u.id, u.name]));
  return keys.map(({ createdById, ...k }) => ({ ...k, createdBy: names.get(createdById) ?? null }));
}
