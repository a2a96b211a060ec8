// No "server-only" import: proxy.ts (Next's request proxy, Node.js runtime) uses this module, and
// the proxy bundle is not built with the react-server condition that package needs. It is still
// server code: it opens a PostgreSQL connection and is never imported by a component.
import pg from "pg";
import { isConnectionLoss } from "@/lib/domain/connection-loss";

/** How long one probe's answer stands: at most one `SELECT 1` per second per Next process. */
const FRESH_MS = 1_000;
const PROBE_TIMEOUT_MS = 2_000;

type Health = { up: boolean; at: number };
const state = globalThis as unknown as {
  sequencerHealth?: { pool: pg.Pool | null; last: Health | null; inFlight: Promise<boolean> | null };
};

function holder() {
  state.sequencerHealth ??= { pool: null, last: null, inFlight: null };
  return state.sequencerHealth;
}

function pool(): pg.Pool | null {
  const h = holder();
  if (h.pool) return h.pool;
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) return null;
  h.pool = new pg.Pool({
    connectionString,
    max: 1,
    connectionTimeoutMillis: PROBE_TIMEOUT_MS,
    query_timeout: PROBE_TIMEOUT_MS,
    idleTimeoutMillis: 10_000,
    allowExitOnIdle: true,
  });
  // An idle connection dying with the server emits "error" on the pool; unhandled, it would crash Next.
  h.pool.on("error", () => {});
  return h.pool;
}

async function probe(): Promise<boolean> {
  const p = pool();
  if (!p) return true; // not configured: let the page report the real problem
  try {
    await p.query("SELECT 1");
    return true;
  } catch (error) {
    // Anything but a lost connection (a bad password, a missing database) is a configuration
    // problem the normal error page should show, not a "retrying" page that never recovers.
    return !isConnectionLoss(error) && !/timeout/i.test(String((error as Error)?.message));
  }
}

/**
 * Whether PostgreSQL answers, from a probe at most FRESH_MS old. Concurrent callers share one
 * probe, so a burst of requests during an outage costs one connection attempt, not one each.
 */
export async function databaseIsUp(now: number = Date.now()): Promise<boolean> {
  const h = holder();
  if (h.last && now - h.last.at < FRESH_MS) return h.last.up;
  h.inFlight ??= probe().then((up) => {
    h.last = { up, at: Date.now() };
    h.inFlight = null;
    return up;
  });
  return h.inFlight;
}

/** A page saw the connection drop between probes: make the next request answer 503 at once. */
export function markDatabaseDown(): void {
  holder().last = { up: false, at: Date.now() };
}
