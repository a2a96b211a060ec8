// Test-only seeding for e2e/migrations.spec.ts: a sequence with two published versions and
// enrollments in flight on v1, written straight into the e2e database (whose URL the e2e server
// leaves in .data/e2e-db-url-<port>), since building them through the UI would dwarf the test.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { contentHash } from "../../lib/domain/canonical-hash";
import { versionContentSchema, type StepInput } from "../../lib/domain/steps";

const PORT = Number(process.env.E2E_PORT ?? 3100);

export function e2eDatabaseUrl(): string {
  const url = readFileSync(path.join(process.cwd(), ".data", `e2e-db-url-${PORT}`), "utf8").trim();
  const host = new URL(url).hostname;
  // Seeding writes rows: only ever into the local scratch database the e2e server created.
  if (host !== "127.0.0.1" && host !== "localhost") throw new Error(`Refusing to seed a non-local database (${host})`);
  return url;
}

export const V1_STEPS: StepInput[] = [
  { key: "intro", type: "email", subject: "Welcome, {{first_name}}", body: "Glad you are here." },
  { key: "wait1", type: "wait", amount: 2, unit: "days" },
  { key: "tips", type: "email", subject: "Three tips", body: "Tip one, two and three." },
  { key: "wait2", type: "wait", amount: 3, unit: "days" },
  { key: "offer", type: "email", subject: "A special offer", body: "Here is 20% off." },
];
// v2 drops "tips" and adds a case study in its place.
export const V2_STEPS: StepInput[] = [
  { key: "intro", type: "email", subject: "Welcome aboard, {{first_name}}", body: "Glad you are here." },
  { key: "wait1", type: "wait", amount: 2, unit: "days" },
  { key: "case", type: "email", subject: "How Acme doubled replies", body: "A short case study." },
  { key: "wait2", type: "wait", amount: 3, unit: "days" },
  { key: "offer", type: "email", subject: "A special offer", body: "Here is 20% off." },
];

export type SeededMigration = { sequenceId: string; v1: string; v2: string; atTips: number; atOffer: number };

export async function seedMigrationScenario(options: { atTips: number; atOffer: number }): Promise<SeededMigration> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    await client.query("BEGIN");
    const tag = randomUUID().slice(0, 6);
    const { rows: users } = await client.query<{ id: string }>(`SELECT id FROM users WHERE email = 'editor@example.com'`);
    const editorId = users[0]?.id ?? null;
    const draft = versionContentSchema.parse({ steps: V2_STEPS });
    const { rows: seq } = await client.query<{ id: string }>(
      `INSERT INTO sequences (name, status, draft, draft_revision, created_by_id) VALUES ($1, 'active', $2, 1, $3) RETURNING id`,
      [`Onboarding ${tag}`, JSON.stringify(draft), editorId],
    );
    const sequenceId = seq[0]!.id;
    const version = async (number: number, steps: StepInput[], note: string, parent: string | null) => {
      const content = versionContentSchema.parse({ steps });
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO sequence_versions (sequence_id, number, content, content_hash, published_by_id, note, parent_version_id, published_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, now() - make_interval(days => $8)) RETURNING id`,
        [sequenceId, number, JSON.stringify(content), contentHash(content), editorId, note, parent, 3 - number],
      );
      return rows[0]!.id;
    };
    const v1 = await version(1, V1_STEPS, "First onboarding series", null);
    const v2 = await version(2, V2_STEPS, "Replace the tips email with a case study", v1);
    await client.query(`UPDATE sequences SET active_version_id = $2 WHERE id = $1`, [sequenceId, v2]);

    // Contacts in flight on v1: some waiting before "tips", some before "offer"; due in days, so no runner touches them.
    const total = options.atTips + options.atOffer;
    await client.query(
      `WITH c AS (
         INSERT INTO contacts (email, first_name, last_name)
         SELECT 'mig-' || $1 || '-' || i || '@example.com', 'Pat' || i, 'Lee' FROM generate_series(1, $2::int) AS i
         RETURNING id, email
       ), numbered AS (SELECT id, row_number() OVER (ORDER BY email) AS n FROM c),
       e AS (
         INSERT INTO enrollments (contact_id, sequence_id, sequence_version_id, current_step_index, current_step_key, status, next_run_at, enrolled_at, enrolled_by_id)
         SELECT id, $3, $4,
                CASE WHEN n <= $5 THEN 2 ELSE 4 END, CASE WHEN n <= $5 THEN 'tips' ELSE 'offer' END,
                'active', now() + CASE WHEN n <= $5 THEN interval '2 days' ELSE interval '3 days' END, now() - interval '1 day', $6
         FROM numbered RETURNING id
       )
       INSERT INTO enrollment_events (enrollment_id, sequence_version_id, step_key, step_index, type, at)
       SELECT id, $4, 'intro', 0, 'enrolled', now() - interval '1 day' FROM e`,
      [tag, total, sequenceId, v1, options.atTips, editorId],
    );
    await client.query("COMMIT");
    return { sequenceId, v1, v2, atTips: options.atTips, atOffer: options.atOffer };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

/** How many of the sequence's enrollments are on each version (by number). */
export async function enrollmentsByVersion(sequenceId: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    const { rows } = await client.query<{ number: number; n: string }>(
      `SELECT v.number, count(*) AS n FROM enrollments e JOIN sequence_versions v ON v.id = e.sequence_version_id WHERE e.sequence_id = $1 GROUP BY v.number`,
      [sequenceId],
    );
    return Object.fromEntries(rows.map((r) => [`v${r.number}`, Number(r.n)]));
  } finally {
    await client.end();
  }
}
