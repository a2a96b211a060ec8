// One scratch PostgreSQL database for the integration run: migrated, handed to the tests, dropped after.
import type { TestProject } from "vitest/node";
import { openScratchDatabase } from "../scripts/db/database";
import { applyMigrations } from "../scripts/db/schema-engine";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const database = await openScratchDatabase("it");
  await applyMigrations(database.url);
  project.provide("databaseUrl", database.url);
  return async () => {
    await database.stop();
  };
}
