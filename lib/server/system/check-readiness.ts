import "server-only";
import { readdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";

// /api/ready: the database answers, and every migration this build ships has been applied
// (`_prisma_migrations`, which the runtime role may SELECT since *_worker_heartbeats). Migrations
// the build does not know (the database was migrated for a newer release during a rolling
// upgrade) do not make it unready: migrations are additive, so the older servers keep serving
// until they are replaced. A fresh connection each time (pool of one, 2 s timeouts), so the answer
// follows the database down and back up without a restart.
const TIMEOUT_MS = 2_000;

export type Readiness = { ready: boolean; problems: string[]; migrations: { shipped: number; applied: number } };

const holder = globalThis as unknown as { sequencerReadyPool?: pg.Pool; sequencerShipped?: string[] };

/** The migration folders shipped with this build (standalone copies them: next.config.mjs). */
export function shippedMigrations(dir = path.join(process.cwd(), "prisma", "migrations")): string[] {
  holder.sequencerShipped ??= readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && /^\d{14}_/.test(e.name))
    .map((e) => e.name)
    .sort();
  return holder.sequencerShipped;
}

function pool(): pg.Pool | null {
  if (holder.sequencerReadyPool) return holder.sequencerReadyPool;
  if (!process.env.DATABASE_URL) return null;
  holder.sequencerReadyPool = new pg.Pool({
    connectionString: process.env.DATABASE_URL,
    max: 1,
    connectionTimeoutMillis: TIMEOUT_MS,
    query_timeout: TIMEOUT_MS,
    idleTimeoutMillis: 5_000,
    allowExitOnIdle: true,
  });
  holder.sequencerReadyPool.on("error", () => {});
  return holder.sequencerReadyPool;
}

export async function checkReadiness(): Promise<Readiness> {
  let shipped: string[];
  try {
    shipped = shippedMigrations();
  } catch {
    return {
      ready: false,
      problems: ["the build has no prisma/migrations folder"],
      migrations: { shipped: 0, applied: 0 },
    };
  }
  const p = pool();
  if (!p)
    return { ready: false, problems: ["DATABASE_URL is not set"], migrations: { shipped: shipped.length, applied: 0 } };
  try {
    const { rows } = await p.query<{ migration_name: string }>(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    const applied = new Set(rows.map((r) => r.migration_name));
    const missing = shipped.filter((name) => !applied.has(name));
    return {
      ready: missing.length === 0,
      problems: missing.length
        ? [`${missing.length} migration(s) not applied, e.g. ${missing[0]}: run \`npm run db:migrate\``]
        : [],
      migrations: { shipped: shipped.length, applied: applied.size },
    };
  } catch (error) {
    return {
      ready: false,
      problems: [`database unreachable: ${error instanceof Error ? error.message : String(error)}`],
      migrations: { shipped: shipped.length, applied: 0 },
    };
  }
}
