import { Logger, runMigrations, type LogLevel } from "graphile-worker";
import type pg from "pg";
import { logger } from "@/lib/observability/logger";

// graphile-worker 0.17 stays installed for background jobs that suit a job queue (webhooks).
// Message delivery does not use it: see deliver-messages.ts.

/** graphile-worker's own schema; `migrateDatabase` installs it as the owner, with grants. */
export async function installJobQueueSchema(pool: pg.Pool): Promise<void> {
  await runMigrations({ pgPool: pool, logger: quietLogger() });
}

// graphile-worker logs every job at info level; at thousands of jobs that drowns real problems.
export function quietLogger(verbose = process.env.WORKER_VERBOSE === "1"): Logger {
  return new Logger(() => (level: LogLevel, message: string) => {
    const name: string = level;
    if (!verbose && (name === "debug" || name === "info")) return;
    const log = logger().child({ component: "graphile-worker" });
    if (name === "error") log.error(message);
    else if (name === "warning") log.warn(message);
    else log.info(message);
  });
}
