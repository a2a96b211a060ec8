import pg from "pg";
import { logger } from "@/lib/observability/logger";

/** Anything that runs a parameterised query: a Pool or a checked-out client. */
export type Queryable = Pick<pg.Pool, "query"> | Pick<pg.PoolClient, "query">;

export function createPool(options: { connectionString?: string; max?: number } = {}): pg.Pool {
  const connectionString = options.connectionString ?? process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set: the worker needs the PostgreSQL URL.");
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10 });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on("error", (error) => logger().warn({ err: { message: error.message } }, "pg idle client error"));
  pool.on("connect", (client) =>
    client.on("error", (error) => logger().warn({ err: { message: error.message } }, "pg client error")),
  );
  return pool;
}

/** BEGIN ... COMMIT on one client; ROLLBACK and rethrow on any error. */
export async function withTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    // A connection that cannot even roll back is dead: drop it instead of pooling it.
    await client.query("ROLLBACK").catch(() => (broken = true));
    throw error;
  } finally {
    client.release(broken);
  }
}
