import "server-only";
import { db } from "../db";

export const RATE_WINDOW_MS = 60_000;

export function rateLimitPerMinute(): number {
  const configured = Number(process.env.API_RATE_LIMIT_PER_MINUTE);
  return Number.isInteger(configured) && configured > 0 ? configured : 600;
}

export type RateDecision = { allowed: boolean; limit: number; remaining: number; retryAfterSeconds: number };

/**
 * Fixed one-minute windows counted in PostgreSQL, so every app server shares the count: one
 * upsert per request. The first request of a window deletes the key's older windows.
 */
export async function takeRateToken(keyId: string, now = new Date()): Promise<RateDecision> {
  const limit = rateLimitPerMinute();
  const windowStart = new Date(Math.floor(now.getTime() / RATE_WINDOW_MS) * RATE_WINDOW_MS);
  const rows = await db().$queryRaw<{ count: number }[]>`
    INSERT INTO api_request_counts (api_key_id, window_start, count) VALUES (${keyId}::uuid, ${windowStart}, 1)
    ON CONFLICT (api_key_id, window_start) DO UPDATE SET count = api_request_counts.count + 1
    RETURNING count`;
  const count = rows[0]?.count ?? 1;
  if (count === 1)
    await db()
      .$executeRaw`DELETE FROM api_request_counts WHERE api_key_id = ${keyId}::uuid AND window_start < ${windowStart}`;
  const retryAfterSeconds = Math.max(1, Math.ceil((windowStart.getTime() + RATE_WINDOW_MS - now.getTime()) / 1000));
  return { allowed: count <= limit, limit, remaining: Math.max(0, limit - count), retryAfterSeconds };
}
