import "server-only";
import { createHash } from "node:crypto";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../db";

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export type Reservation =
  | { kind: "reserved" }
  | { kind: "replay"; status: number; body: unknown }
  | { kind: "mismatch" }
  | { kind: "in_progress" };

export function requestHash(method: string, path: string, body: string): string {
  return createHash("sha256").update(`${method} ${path}\n${body}`).digest("hex");
}

/**
 * Reserves (key id, Idempotency-Key) for this request, or says what an earlier one left: its
 * response to replay, a different body (409), or a first request still running (409). Expired
 * records (24 h) of this key are dropped on the way.
 */
export async function reserveIdempotencyKey(
  keyId: string,
  key: string,
  hash: string,
  now = new Date(),
): Promise<Reservation> {
  await db().idempotencyRecord.deleteMany({
    where: { apiKeyId: keyId, createdAt: { lt: new Date(now.getTime() - IDEMPOTENCY_TTL_MS) } },
  });
  const inserted = await db().$executeRaw`
    INSERT INTO idempotency_records (api_key_id, key, request_hash, status, created_at)
    VALUES (${keyId}::uuid, ${key}, ${hash}, 0, ${now}) ON CONFLICT DO NOTHING`;
  if (inserted === 1) return { kind: "reserved" };
  const existing = await db().idempotencyRecord.findUnique({ where: { apiKeyId_key: { apiKeyId: keyId, key } } });
  if (!existing) return reserveIdempotencyKey(keyId, key, hash, now);
  if (existing.requestHash !== hash) return { kind: "mismatch" };
  if (existing.status === 0) return { kind: "in_progress" };
  return { kind: "replay", status: existing.status, body: existing.response };
}

export async function completeIdempotencyKey(keyId: string, key: string, status: number, body: unknown): Promise<void> {
  await db().idempotencyRecord.update({
    where: { apiKeyId_key: { apiKeyId: keyId, key } },
    data: { status, response: body as Prisma.InputJsonValue },
  });
}

/** A failed first request frees the key, so the client may retry it. */
export async function releaseIdempotencyKey(keyId: string, key: string): Promise<void> {
  await db().idempotencyRecord.deleteMany({ where: { apiKeyId: keyId, key, status: 0 } });
}
