import type pg from "pg";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** A Prisma interactive transaction (what `db().$transaction(async (tx) => ...)` hands over). */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/**
 * The one connection abstraction of the enrollment store: the worker hands it a node-postgres
 * client, the services their Prisma interactive transaction. Every store function takes SQL text
 * that is a constant of the store plus positional `$n` values, so both sides run the very same
 * statements.
 */
export type Sql = { query<T>(text: string, values: readonly unknown[]): Promise<T[]> };

export function pgSql(client: Pick<pg.PoolClient, "query">): Sql {
  return {
    async query<T>(text: string, values: readonly unknown[]) {
      const result = await client.query({ text, values: [...values] });
      return result.rows as T[];
    },
  };
}

/**
 * Prisma's positional raw API is the only way to run the store's text over a Prisma transaction.
 * It is safe here and only here: `text` is always one of the store's constant statements (never
 * built from input) and every value travels as a bound parameter. tests/no-sql-concatenation.test.ts
 * allows this one file by name for that reason.
 */
export function prismaSql(tx: Tx): Sql {
  return {
    async query<T>(text: string, values: readonly unknown[]) {
      return tx.$queryRawUnsafe<T[]>(text, ...values);
    },
  };
}
