// When a failed webhook delivery is tried again. Ten retries after the first attempt, spread over
// about 24 hours (5 s, 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, 4 h, 6 h, 10 h: 23 h 42 min 35 s in
// all), like Stripe's and Svix's schedules. After the last one the delivery is failed.

const S = 1000;
const M = 60 * S;
const H = 60 * M;

export const WEBHOOK_BACKOFF_MS: readonly number[] = [
  5 * S,
  30 * S,
  2 * M,
  10 * M,
  30 * M,
  H,
  2 * H,
  4 * H,
  6 * H,
  10 * H,
];

/**
 * The delay before the next attempt after `attemptsSoFar` failed attempts in this round, or null
 * when the schedule is exhausted (the delivery is failed).
 */
export function nextWebhookDelay(
  attemptsSoFar: number,
  schedule: readonly number[] = WEBHOOK_BACKOFF_MS,
): number | null {
  if (attemptsSoFar < 1) return 0;
  return schedule[attemptsSoFar - 1] ?? null;
}

export function totalWebhookBackoffMs(schedule: readonly number[] = WEBHOOK_BACKOFF_MS): number {
  return schedule.reduce((sum, ms) => sum + ms, 0);
}
