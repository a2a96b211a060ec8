import type pg from "pg";

// SQLSTATE classes and driver messages that mean "the database went away", not "this job is bad".
const LOST_CODES = new Set([
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08001",
  "08003",
  "08006",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
]);
const LOST_MESSAGES = [
  /Connection terminated/i,
  /not queryable/i,
  /terminating connection/i,
  /the database system is (starting up|shutting down)/i,
];

export function isConnectionLoss(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  if (typeof e?.code === "string" && LOST_CODES.has(e.code)) return true;
  return typeof e?.message === "string" && LOST_MESSAGES.some((re) => re.test(e.message as string));
}

/**
 * Waits until the database answers again (bounded). graphile-worker records a failed job in the
 * database; if the job failed because PostgreSQL restarted, recording that failure would fail too
 * and leave the job locked for hours. Holding the failure until the database is back avoids that.
 */
export async function waitForDatabase(
  pool: pg.Pool,
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<boolean> {
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  while (Date.now() < deadline) {
    try {
      await pool.query("SELECT 1");
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 500));
    }
  }
  return false;
}
