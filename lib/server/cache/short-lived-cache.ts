import "server-only";

export type CacheEntry<T> = { at: number; value: Promise<T> };

/**
 * A per-process memo for read figures that are costly and move slowly (a sequence's guardrail
 * context, the per-version counts of a large sequence). Concurrent and recent requests for one key
 * share one load; an entry lives `ttlMs`. A failed load is never remembered, and `keep` can refuse
 * a loaded value (for example, counts cheap enough to read live every time). Callers show the
 * entry's age, so a reused figure never passes for a live one.
 */
export function shortLivedCache<T>(options: { ttlMs: number; maxEntries: number; keep?: (value: T) => boolean }) {
  const entries = new Map<string, CacheEntry<T>>();
  return {
    get(key: string, load: () => Promise<T>): CacheEntry<T> {
      const now = Date.now();
      const hit = entries.get(key);
      if (hit && now - hit.at < options.ttlMs) return hit;
      for (const [k, entry] of entries)
        if (now - entry.at >= options.ttlMs || entries.size >= options.maxEntries) entries.delete(k);
      const entry: CacheEntry<T> = { at: now, value: load() };
      const forget = () => {
        if (entries.get(key) === entry) entries.delete(key);
      };
      entry.value.then((value) => (options.keep && !options.keep(value) ? forget() : undefined), forget);
      entries.set(key, entry);
      return entry;
    },
  };
}
