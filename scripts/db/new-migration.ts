// `npm run db:new -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql from
// the difference between the existing migrations and schema.prisma (like `prisma migrate dev --create-only`).
import { mkdirSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { openDevDatabase } from "./database";
import { MIGRATIONS_DIR, diffMigrationsToSchema, isEmptyDiff } from "./schema-engine";

const name = (process.argv[2] ?? "").trim();
if (!/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:new -- <name>   (lower-case letters, digits and _ only)");
  process.exit(2);
}

const db = await openDevDatabase();
try {
  const script = await diffMigrationsToSchema(db.url);
  if (isEmptyDiff(script)) {
    console.log("schema.prisma and the migrations already agree: nothing to write.");
  } else {
    const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
    const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "migration.sql"), `${script}\n`);
    const lock = path.join(MIGRATIONS_DIR, "migration_lock.toml");
    if (!existsSync(lock)) writeFileSync(lock, 'provider = "postgresql"\n');
    console.log(
      `Wrote ${path.relative(process.cwd(), dir)}/migration.sql. Review it, add what Prisma cannot express, then npm run db:migrate.`,
    );
  }
} finally {
  await db.stop();
}
