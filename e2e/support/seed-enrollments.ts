// Test-only seeding for e2e/contacts-enrollments.spec.ts: published sequences (and later
// versions) written straight into the local e2e database, the way the publish service writes
// them, so the spec exercises the operator pages rather than the sequence editor. Enrollments go
// through the enrollment store, like every enrollment write (the services themselves are
// server-only and cannot load in the Playwright process).
import { randomUUID } from "node:crypto";
import pg from "pg";
import { contentHash } from "../../lib/domain/canonical-hash";
import { versionContentSchema, type StepInput } from "../../lib/domain/steps";
import { lockEnrollment, stateOf } from "../../lib/store/claim";
import { insertEnrollments } from "../../lib/store/enroll";
import { saveState } from "../../lib/store/save-state";
import { pgSql } from "../../lib/store/sql";
import { e2eDatabaseUrl } from "./seed-migration";

async function withClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

/** Inserts version n+1 of a sequence and makes it active (what publishVersion does). */
async function insertVersion(
  client: pg.Client,
  sequenceId: string,
  steps: StepInput[],
  note: string,
): Promise<{ id: string; number: number }> {
  const content = versionContentSchema.parse({ steps });
  const { rows: prev } = await client.query<{ id: string; number: number }>(
    `SELECT id, number FROM sequence_versions WHERE sequence_id = $1 ORDER BY number DESC LIMIT 1`,
    [sequenceId],
  );
  const number = (prev[0]?.number ?? 0) + 1;
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO sequence_versions (sequence_id, number, content, content_hash, published_by_id, note, parent_version_id)
     VALUES ($1, $2, $3, $4, (SELECT id FROM users WHERE email = 'editor@example.com'), $5, $6) RETURNING id`,
    [sequenceId, number, JSON.stringify(content), contentHash(content), note, prev[0]?.id ?? null],
  );
  const id = rows[0]!.id;
  await client.query(
    `UPDATE sequences SET active_version_id = $2, status = 'active', draft = $3, draft_revision = draft_revision + 1 WHERE id = $1`,
    [sequenceId, id, JSON.stringify(content)],
  );
  return { id, number };
}

export async function seedPublishedSequence(
  name: string,
  steps: StepInput[],
): Promise<{ sequenceId: string; versionId: string }> {
  return withClient(async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO sequences (name, status) VALUES ($1, 'draft') RETURNING id`,
      [name],
    );
    const sequenceId = rows[0]!.id;
    const version = await insertVersion(client, sequenceId, steps, "First version");
    return { sequenceId, versionId: version.id };
  });
}

export async function publishNextVersion(sequenceId: string, steps: StepInput[], note: string): Promise<number> {
  return withClient(async (client) => (await insertVersion(client, sequenceId, steps, note)).number);
}

/**
 * A contact enrolled on the active version, due now (as enrollContacts writes it), or, with
 * `dueAt`, waiting on its first step until then (so the running worker leaves it where it is).
 */
export async function seedEnrolledContact(
  sequenceId: string,
  versionId: string,
  firstStepKey: string,
  options: { dueAt?: Date } = {},
): Promise<{ contactId: string; enrollmentId: string; email: string }> {
  return withClient(async (client) => {
    const email = `xss-${randomUUID().slice(0, 8)}@example.com`;
    const { rows: c } = await client.query<{ id: string }>(
      `INSERT INTO contacts (email, first_name, last_name) VALUES ($1, 'Mallory', 'Test') RETURNING id`,
      [email],
    );
    await insertEnrollments(pgSql(client), {
      sequenceId,
      versionId,
      firstStepKey,
      contactIds: [c[0]!.id],
      actorId: null,
      now: new Date(),
    });
    const { rows: e } = await client.query<{ id: string }>(
      `SELECT id FROM enrollments WHERE contact_id = $1 AND sequence_id = $2`,
      [c[0]!.id, sequenceId],
    );
    if (options.dueAt) {
      const locked = await lockEnrollment(pgSql(client), e[0]!.id);
      if (!locked) throw new Error("the seeded enrollment is gone");
      await saveState(pgSql(client), locked, { ...stateOf(locked), nextRunAt: options.dueAt }, new Date());
    }
    return { contactId: c[0]!.id, enrollmentId: e[0]!.id, email };
  });
}
