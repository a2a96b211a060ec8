import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

// One client per process (Next's dev server re-evaluates modules on every change).
const globalForDb = globalThis as unknown as { sequencerDb?: PrismaClient };

function createClient(): PrismaClient {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString)
    throw new Error("DATABASE_URL is not set: start the app with `npm run dev` or set it to a PostgreSQL URL.");
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString, max: Number(process.env.DB_POOL_SIZE ?? 10) }),
    // Prisma's default waits only 2 s for a pooled connection before failing an interactive
    // transaction; under a burst (50 publishes on a pool of 10, a busy 2-core machine) that
    // turns queueing into errors. Waiting longer is what a user wants from a save or publish.
    transactionOptions: { maxWait: 10_000, timeout: 30_000 },
  });
}

/** The Prisma client, created on first use so that importing this module never needs a database (e.g. during `next build`). */
export function db(): PrismaClient {
  globalForDb.sequencerDb ??= createClient();
  return globalForDb.sequencerDb;
}

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
