import { defineConfig } from "prisma/config";

// The URL is only needed by CLI commands that talk to a database; `prisma generate` does not.
// Migrations run through scripts/db (Prisma's WebAssembly schema engine), see README.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  ...(process.env.DATABASE_URL ? { datasource: { url: process.env.DATABASE_URL } } : {}),
});
