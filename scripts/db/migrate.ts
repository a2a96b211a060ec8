// `npm run db:migrate`: applies pending migrations (and graphile-worker's schema, with the runtime
// role's grants) as the owner: MIGRATION_DATABASE_URL, else DATABASE_URL, else the embedded database.
import { openDevDatabase } from "./database";
import { migrateDatabase } from "./roles";

const db = await openDevDatabase();
try {
  const applied = await migrateDatabase(db.url);
  console.log(
    applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database is up to date.",
  );
} finally {
  await db.stop();
}
