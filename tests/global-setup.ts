// One scratch PostgreSQL database for the integration run: migrated by its owner, handed to the
// tests as the least-privilege runtime role (what the app and the worker use), dropped after.
import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { openScratchDatabase } from "../scripts/db/database";
import { dropLoginRole, ensureRuntimeLogin, migrateDatabase } from "../scripts/db/roles";

declare module "vitest" {
  export interface ProvidedContext {
    /** The runtime role: what every test's service code and workers use (process.env.DATABASE_URL). */
    databaseUrl: string;
    /** The owner: only for tests that need DDL or owner rights (process.env.OWNER_DATABASE_URL). */
    ownerDatabaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const database = await openScratchDatabase("it");
  // Migrations, and graphile-worker's schema (installed by the owner, as in production).
  await migrateDatabase(database.url);
  // A login role of this run's own (roles are cluster-wide and DATABASE_URL's server may be
  // shared with other runs or a dev database), with a random password, dropped afterwards.
  const login = `sequencer_test_${process.pid}_${Date.now().toString(36)}`;
  const runtimeUrl = await ensureRuntimeLogin(database.url, { name: login, password: randomBytes(18).toString("hex") });
  project.provide("databaseUrl", runtimeUrl);
  project.provide("ownerDatabaseUrl", database.url);
  return async () => {
    await database.stop();
    // An embedded cluster is gone with its roles; a shared server keeps them.
    if (!database.embedded && process.env.DATABASE_URL) await dropLoginRole(process.env.DATABASE_URL, login);
  };
}
