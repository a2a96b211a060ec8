// Delivery settings (env) and the retry schedule. Pure, so the unit tests cover the maths.

export const DEFAULT_DELIVERY_MAX_ATTEMPTS = 10;
/** First retry delay; each further retry doubles it, up to DELIVERY_BACKOFF_MAX_MS. */
export const DEFAULT_DELIVERY_BACKOFF_MS = 30_000;
export const DEFAULT_DELIVERY_BACKOFF_MAX_MS = 3_600_000;
/** Messages per delivery claim (one transaction) with the outbox transport. */
export const DEFAULT_DELIVERY_BATCH_SIZE = 500;
/**
 * Messages per claim when email goes out through SMTP: the claim's row locks are held while it
 * sends, and a crash between a send and its commit resends the claim's sent messages, so a
 * slow transport takes small claims.
 */
export const DEFAULT_SMTP_DELIVERY_BATCH_SIZE = 20;

export type DeliverySettings = { maxAttempts: number; backoffMs: number; backoffMaxMs: number };

type Env = Record<string, string | undefined>;

const positiveInt = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

export function deliveryMaxAttemptsFromEnv(env: Env = process.env): number {
  return positiveInt(env.DELIVERY_MAX_ATTEMPTS, DEFAULT_DELIVERY_MAX_ATTEMPTS);
}

export function deliverySettingsFromEnv(env: Env = process.env): DeliverySettings {
  return {
    maxAttempts: deliveryMaxAttemptsFromEnv(env),
    backoffMs: positiveInt(env.DELIVERY_BACKOFF_MS, DEFAULT_DELIVERY_BACKOFF_MS),
    backoffMaxMs: positiveInt(env.DELIVERY_BACKOFF_MAX_MS, DEFAULT_DELIVERY_BACKOFF_MAX_MS),
  };
}

/**
 * When a message whose attempt number `attempt` (1-based) just failed is due again, or null when
 * that was the last attempt: `backoffMs * 2^(attempt-1)`, capped at `backoffMaxMs`.
 */
export function nextAttemptAt(settings: DeliverySettings, attempt: number, now: Date): Date | null {
  if (attempt >= settings.maxAttempts) return null;
  const delay = Math.min(settings.backoffMs * 2 ** Math.max(0, attempt - 1), settings.backoffMaxMs);
  return new Date(now.getTime() + delay);
}
