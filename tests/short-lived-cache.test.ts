// The per-process memo behind the compare page's guardrail context and the per-version counts of
// large sequences: shared loads, expiry, refused values and failed loads are not remembered.
import { afterEach, describe, expect, it, vi } from "vitest";
import { shortLivedCache } from "@/lib/server/cache/short-lived-cache";

afterEach(() => vi.useRealTimers());

describe("shortLivedCache", () => {
  it("shares one load between concurrent and recent reads, and loads again after the TTL", async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const cache = shortLivedCache<number>({ ttlMs: 30_000, maxEntries: 10 });
    let loads = 0;
    const load = async () => ++loads;
    const a = cache.get("k", load);
    const b = cache.get("k", load);
    expect(await a.value).toBe(1);
    expect(b).toBe(a);
    vi.setSystemTime(1_000_000 + 29_999);
    expect(await cache.get("k", load).value).toBe(1);
    vi.setSystemTime(1_000_000 + 30_000);
    const fresh = cache.get("k", load);
    expect(await fresh.value).toBe(2);
    expect(fresh.at).toBe(1_030_000);
  });

  it("does not keep a value `keep` refuses, nor a failed load", async () => {
    const cache = shortLivedCache<number>({ ttlMs: 30_000, maxEntries: 10, keep: (n) => n >= 100 });
    let next = 5;
    const load = async () => next;
    expect(await cache.get("small", load).value).toBe(5);
    await Promise.resolve();
    next = 7;
    expect(await cache.get("small", load).value).toBe(7);
    next = 500;
    expect(await cache.get("large", load).value).toBe(500);
    next = 900;
    expect(await cache.get("large", load).value).toBe(500);

    let fail = true;
    const flaky = async () => {
      if (fail) throw new Error("database unavailable");
      return 200;
    };
    await expect(cache.get("flaky", flaky).value).rejects.toThrow("database unavailable");
    fail = false;
    expect(await cache.get("flaky", flaky).value).toBe(200);
  });

  it("holds at most maxEntries, dropping entries when full", async () => {
    const cache = shortLivedCache<string>({ ttlMs: 30_000, maxEntries: 2 });
    let loads = 0;
    const load = (v: string) => async () => (loads++, v);
    for (const k of ["a", "b", "c"]) await cache.get(k, load(k)).value;
    expect(loads).toBe(3);
    await cache.get("c", load("c")).value;
    expect(loads).toBe(3);
    await cache.get("a", load("a")).value;
    expect(loads).toBe(4);
  });
});
