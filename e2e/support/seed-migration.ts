// Test-only seeding for e2e/migrations.spec.ts: a sequence with two published versions and
// enrollments in flight on v1, written straight into the e2e database (whose URL the e2e server
// leaves in .data/e2e-db-url-<port>), since building them through the UI would dwarf the test.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { contentHash } from "../../lib/domain/canonical-hash";
import { versionContentSchema, type StepInput } from "../../lib/domain/steps";
import { stateOf, type LockedEnrollment } from "../../lib/store/claim";
import { insertEnrollments } from "../../lib/store/enroll";
import { saveStates } from "../../lib/store/save-state";
import { pgSql } from "../../lib/store/sql";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const DAY = 24 * 60 * 60 * 1000;

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
    const { rows: users } = await client.query<{ id: string }>(
      `SELECT id FROM users WHERE email = 'editor@example.com'`,
    );
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
    const { rows: contacts } = await client.query<{ id: string }>(
      `INSERT INTO contacts (email, first_name, last_name)
       SELECT 'mig-' || $1 || '-' || lpad(i::text, 6, '0') || '@example.com', 'Pat' || i, 'Lee' FROM generate_series(1, $2::int) AS i
       ORDER BY i RETURNING id`,
      [tag, total],
    );
    // Enrolled a day ago through the store, then placed where they stand (as if the runner had run).
    const sql = pgSql(client);
    const now = new Date();
    const contactIds = contacts.map((c) => c.id);
    await insertEnrollments(sql, {
      sequenceId,
      versionId: v1,
      firstStepKey: "intro",
      contactIds,
      actorId: editorId,
      now: new Date(now.getTime() - DAY),
    });
    const { rows: enrolled } = await client.query<LockedEnrollment>(
      `SELECT e.id, e.status, e.current_step_index, e.current_step_key, e.next_run_at, e.exit_reason, e.pass, e.sequence_id, e.sequence_version_id, e.contact_id, c.email
       FROM enrollments e JOIN contacts c ON c.id = e.contact_id WHERE e.sequence_id = $1 ORDER BY c.email`,
      [sequenceId],
    );
    await saveStates(
      sql,
      enrolled.map((row, i) => {
        const atTips = i < options.atTips;
        const stepIndex = atTips ? 2 : 4;
        const nextRunAt = new Date(now.getTime() + (atTips ? 2 : 3) * DAY);
        return {
          id: row.id,
          versionId: v1,
          pass: row.pass,
          stepKey: atTips ? "tips" : "offer",
          state: { ...stateOf(row), stepIndex, nextRunAt },
        };
      }),
      now,
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
