// One scratch PostgreSQL database for the integration run: migrated, handed to the tests, dropped after.
import type { TestProject } from "vitest/node";
import { openScratchDatabase } from "../scripts/db/database";
import pg from "pg";
import { installDeliverySchema } from "../lib/engine/delivery-jobs";
import { applyMigrations } from "../scripts/db/schema-engine";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const database = await openScratchDatabase("it");
  await applyMigrations(database.url);
  // graphile-worker's schema, as a worker would install it: any test that runs the runner
  // enqueues delivery jobs, whichever file happens to run first.
  const pool = new pg.Pool({ connectionString: database.url, max: 1 });
  await installDeliverySchema(pool);
  await pool.end();
  project.provide("databaseUrl", database.url);
  return async () => {
    await database.stop();
  };
}
