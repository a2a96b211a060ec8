import type pg from "pg";

// The detector is pure and shared with the app (the 503 page): lib/domain/connection-loss.ts.
export { isConnectionLoss } from "@/lib/domain/connection-loss";

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
