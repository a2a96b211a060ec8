// `npm run db:migrate`: applies pending migrations to DATABASE_URL or the embedded database.
import { openDevDatabase } from "./database";
import { applyMigrations } from "./schema-engine";

const db = await openDevDatabase();
try {
  const applied = await applyMigrations(db.url);
  console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database is up to date.");
} finally {
  await db.stop();
}
