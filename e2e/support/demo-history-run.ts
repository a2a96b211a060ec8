// Child process of e2e/support/demo-history.ts: contacts of its own, then the demo history
// through the services, as the editor demo user, into DATABASE_URL (the e2e scratch database).
import { randomUUID } from "node:crypto";
import pg from "pg";
import { seedDemoSequence } from "../../prisma/seed-demo-sequence";

const url = process.env.DATABASE_URL!;
const client = new pg.Client({ connectionString: url });
await client.connect();
const tag = randomUUID().slice(0, 8);
try {
  const { rows: editor } = await client.query<{ id: string }>(
    `SELECT id FROM users WHERE email = 'editor@example.com'`,
  );
  await client.query(
    `INSERT INTO contacts (email, first_name, last_name)
     SELECT 'demo-' || $1 || '-' || lpad(n::text, 4, '0') || '@example.com', 'Demo', 'Person ' || n FROM generate_series(1, 460) n`,
    [tag],
  );
  await client.query(
    `INSERT INTO contacts (email, first_name) SELECT 'demo-' || $1 || '-' || n || '@gone.example.invalid', 'Gone' FROM generate_series(1, 3) n`,
    [tag],
  );
  const { rows } = await client.query<{ id: string; email: string }>(
    `SELECT id, email FROM contacts WHERE email LIKE $1 ORDER BY email`,
    [`demo-${tag}-%`],
  );
  await seedDemoSequence({
    actorId: editor[0]!.id,
    contactIds: rows.filter((r) => !r.email.endsWith(".invalid")).map((r) => r.id),
    failingContactIds: rows.filter((r) => r.email.endsWith(".invalid")).map((r) => r.id),
    connectionString: url,
  });
} finally {
  await client.end();
}
process.exit(0);
