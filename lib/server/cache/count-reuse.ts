import "server-only";
import { shortLivedCache } from "./short-lived-cache";

/**
 * Enrollment counts over a whole sequence or all of them are one index scan each, so their cost
 * grows with the data (about 1 ms per 10,000 enrollments here). Counts of at least this many are
 * reused for up to COUNT_REUSE_MS, and the page says how old they are; smaller ones stay live on
 * every request. The first view after the reuse window pays the count again.
 */
export const LIVE_COUNT_LIMIT = 20_000;
export const COUNT_REUSE_MS = 30_000;

/** A cache that keeps a loaded value only when `total(value)` reaches LIVE_COUNT_LIMIT. */
export function countCache<T>(total: (value: T) => number) {
  return shortLivedCache<T>({ ttlMs: COUNT_REUSE_MS, maxEntries: 500, keep: (v) => total(v) >= LIVE_COUNT_LIMIT });
}
