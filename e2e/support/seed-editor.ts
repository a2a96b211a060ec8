// Test-only seeding and checks for e2e/editor-daily.spec.ts, straight against the e2e database.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { e2eDatabaseUrl } from "./seed-migration";

async function withClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A contact with custom attributes, as a CSV import would leave it. */
export async function seedContact(firstName: string, attributes: Record<string, string>) {
  const email = `${firstName.toLowerCase()}-${randomUUID().slice(0, 8)}@preview.example`;
  return withClient(async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO contacts (email, first_name, last_name, attributes) VALUES ($1, $2, 'Preview', $3::jsonb) RETURNING id`,
      [email, firstName, JSON.stringify(attributes)],
    );
    return { id: rows[0]!.id, email };
  });
}

/** Test sends recorded for a user (audit log), newest first. */
export async function testSendsBy(userEmail: string) {
  return withClient(async (client) => {
    const { rows } = await client.query<{
      entity_id: string;
      detail: { subject: string | null; to: string; test: boolean };
    }>(
      `SELECT a.entity_id, a.detail FROM audit_log a JOIN users u ON u.id = a.actor_id
       WHERE u.email = $1 AND a.action = 'sequence.test_sent' ORDER BY a.at DESC`,
      [userEmail],
    );
    return rows;
  });
}

export async function messageCountForContact(contactId: string): Promise<number> {
  return withClient(async (client) => {
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM messages m JOIN enrollments e ON e.id = m.enrollment_id WHERE e.contact_id = $1`,
      [contactId],
    );
    return Number(rows[0]!.n);
  });
}

export async function draftOf(
  sequenceId: string,
): Promise<{ revision: number; draft: { steps: { subject?: string }[] } }> {
  return withClient(async (client) => {
    const { rows } = await client.query<{ draft_revision: number; draft: { steps: { subject?: string }[] } }>(
      `SELECT draft_revision, draft FROM sequences WHERE id = $1`,
      [sequenceId],
    );
    return { revision: rows[0]!.draft_revision, draft: rows[0]!.draft };
  });
}
