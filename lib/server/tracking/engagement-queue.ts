import "server-only";
import { MACHINE_WINDOW_SECONDS } from "@/lib/domain/outcome-metrics";
import type pg from "pg";
import { pgSql, prismaSql } from "@/lib/store/sql";
import { recordEngagement, type EngagementHit, type EngagementResult } from "@/lib/store/tracking";
import { db } from "../db";

/** Opens and clicks of messages sent longer ago than this record nothing (see ARCHITECTURE.md). */
export const TRACKING_RETENTION_DAYS = 180;
/** How long the first request of a batch waits for others before the flush starts. */
export const FLUSH_DELAY_MS = 2;
/** The most hits one flush statement carries; more wait for the next flush. */
export const MAX_FLUSH = 2000;

/**
 * TRACKING_FLUSH_DELAY_MS overrides FLUSH_DELAY_MS: a longer wait makes fuller batches at the
 * cost of latency (tests use it to hold hits in the queue).
 */
function flushDelayFromEnv(): number {
  const value = process.env.TRACKING_FLUSH_DELAY_MS;
  return value && /^[0-9]+$/.test(value) ? Number(value) : FLUSH_DELAY_MS;
}

type Pending = { hit: EngagementHit; resolve: (r: EngagementResult) => void; reject: (e: unknown) => void };
export type Writer = (hits: readonly EngagementHit[]) => Promise<EngagementResult[]>;

const RULES = { machineWindowSeconds: MACHINE_WINDOW_SECONDS, retentionDays: TRACKING_RETENTION_DAYS };

/** The app's writer: the flush's statement in a Prisma transaction (the app's one pool). */
const defaultWriter: Writer = (hits) => db().$transaction((tx) => recordEngagement(prismaSql(tx), hits, RULES));

/**
 * The tracker's writer: the same statement on a node-postgres pool, alone (autocommit: one
 * statement is one transaction), so a flush is one round trip instead of BEGIN, statement, COMMIT.
 */
export function poolWriter(pool: Pick<pg.Pool, "query">): Writer {
  return (hits) => recordEngagement(pgSql(pool), hits, RULES);
}

/**
 * Group commit for tracking requests. Each request appends its hit and waits; one flush at a
 * time writes everything queued in ONE statement (lib/store/tracking.ts: events + counters +
 * first-open stamps, one transaction) and then answers every request of that batch. A request is
 * answered only after its flush committed, so an answered hit is durable; a crash before the
 * commit loses only unanswered requests (the client sees an error, nothing is half-written).
 * While a flush runs, new requests gather for the next one, so the batch grows with the load.
 */
export class EngagementQueue {
  private pending: Pending[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private flushing = false;
  private idle: (() => void)[] = [];
  flushes = 0;

  constructor(
    private readonly write: Writer = defaultWriter,
    private readonly delayMs = flushDelayFromEnv(),
  ) {}

  record(hit: EngagementHit): Promise<EngagementResult> {
    return new Promise((resolve, reject) => {
      this.pending.push({ hit, resolve, reject });
      if (!this.flushing && !this.timer) this.timer = setTimeout(() => void this.flush(), this.delayMs);
    });
  }

  private async flush(): Promise<void> {
    this.timer = null;
    this.flushing = true;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, MAX_FLUSH);
        this.flushes += 1;
        try {
          const results = await this.write(batch.map((p) => p.hit));
          batch.forEach((p, i) => p.resolve(results[i] ?? { url: null, recorded: false }));
        } catch (error) {
          for (const p of batch) p.reject(error);
        }
      }
    } finally {
      this.flushing = false;
      for (const wake of this.idle.splice(0)) wake();
    }
  }

  /**
   * Resolves when everything queued so far is written and answered (the pending timer is cut
   * short). A server stopping calls it after it stopped accepting requests.
   */
  async drain(): Promise<void> {
    while (this.pending.length > 0 || this.flushing) {
      if (this.timer && !this.flushing) {
        clearTimeout(this.timer);
        void this.flush();
      }
      await new Promise<void>((resolve) => this.idle.push(resolve));
    }
  }
}

const globalQueue = globalThis as unknown as { sequencerEngagementQueue?: EngagementQueue };

/** Makes the process's queue write through `write` (the tracker); call before the first hit. */
export function installEngagementQueue(write: Writer): EngagementQueue {
  globalQueue.sequencerEngagementQueue = new EngagementQueue(write);
  return globalQueue.sequencerEngagementQueue;
}

/** The process's queue (one flusher per app server). */
export function engagementQueue(): EngagementQueue {
  globalQueue.sequencerEngagementQueue ??= new EngagementQueue();
  return globalQueue.sequencerEngagementQueue;
}
