// `npm run db:migrate`: applies pending migrations (and graphile-worker's schema, with the runtime
// role's grants) as the owner: MIGRATION_DATABASE_URL, else DATABASE_URL, else the embedded database.
import { requireSettings } from "../../lib/config/settings";
import { openDevDatabase } from "./database";
import { ensureRuntimeLogin, migrateDatabase } from "./roles";

// In production (NODE_ENV=production) a database URL is required: never the embedded one.
requireSettings("migrate");
const db = await openDevDatabase();
try {
  const applied = await migrateDatabase(db.url);
  console.log(
    applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database is up to date.",
  );
  // Optionally (compose, first deploys) the runtime login the app and workers connect as.
  const runtimeUser = process.env.RUNTIME_DATABASE_USER;
  if (runtimeUser) {
    const password = process.env.RUNTIME_DATABASE_PASSWORD;
    if (!password) throw new Error("RUNTIME_DATABASE_USER is set: set RUNTIME_DATABASE_PASSWORD too.");
    await ensureRuntimeLogin(db.url, { name: runtimeUser, password });
    console.log(`Runtime login ${runtimeUser} is a member of sequencer_runtime.`);
  }
} finally {
  await db.stop();
}
