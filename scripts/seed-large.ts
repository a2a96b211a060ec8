// `npm run seed:large [-- --enrollments N] [-- --force]`: realistic scale for benchmarks and manual checks:
// 100,000 contacts; 20 sequences x 10 published versions of 20-50 steps; 1,000,000 enrollments
// spread over versions, statuses and current steps, each with its timeline (enrolled + one
// step_executed row per step already run) and its latest email or SMS in the mailbox. Refuses a
// non-local database unless --force.
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { contentHash } from "../lib/domain/canonical-hash";
import type { Step, VersionContent } from "../lib/domain/steps";
import { openDevDatabase } from "./db/database";
import { migrateDatabase } from "./db/roles";

export type SeedSizes = { contacts: number; sequences: number; versions: number; enrollmentsPerSequence: number };

export const FULL_SIZES: SeedSizes = { contacts: 100_000, sequences: 20, versions: 10, enrollmentsPerSequence: 50_000 };

/**
 * `--enrollments N` (up to 10,000,000 and beyond): N spread over the 20 sequences, with at least
 * as many contacts as one sequence's share (one in-flight enrollment per contact and sequence).
 */
export function sizesForEnrollments(total: number): SeedSizes {
  const enrollmentsPerSequence = Math.ceil(total / FULL_SIZES.sequences);
  return { ...FULL_SIZES, enrollmentsPerSequence, contacts: Math.max(FULL_SIZES.contacts, enrollmentsPerSequence) };
}

/** Rows per enrollment INSERT: bounds the statement's memory (its RETURNING set and timeline rows) at any size. */
const ENROLLMENT_CHUNK = 100_000;

export function sizesFromEnv(env: Record<string, string | undefined> = process.env): SeedSizes {
  return {
    ...FULL_SIZES,
    contacts: Number(env.SEED_CONTACTS ?? FULL_SIZES.contacts),
    enrollmentsPerSequence: Number(env.SEED_ENROLLMENTS_PER_SEQUENCE ?? FULL_SIZES.enrollmentsPerSequence),
  };
}

export type SeedSummary = {
  tag: string;
  sequenceIds: string[];
  contacts: number;
  enrollments: number;
  events: number;
  messages: number;
};

export function isLocalDatabase(url: string): boolean {
  const host = new URL(url).hostname;
  return ["localhost", "127.0.0.1", "::1", "[::1]"].includes(host);
}

function versionContent(seq: number, version: number): VersionContent {
  const count = 20 + ((seq * 7 + version * 3) % 31);
  const steps: Step[] = Array.from({ length: count }, (_, i) => {
    const key = `s${seq}-k${i}`;
    if (i % 2 === 1)
      return { key, type: "wait", amount: 1 + ((i + version) % 3), unit: "days", businessDaysOnly: i % 4 === 1 };
    if (i % 10 === 8) return { key, type: "task", title: `Call {{first_name}} (step ${i})`, note: "" };
    if (i % 6 === 4)
      return { key, type: "sms", body: `Hi {{first_name}}, quick note ${i} (v${version + 1}). Reply STOP to opt out` };
    return {
      key,
      type: "email",
      subject: `Sequence ${seq} step ${i} (v${version + 1})`,
      body: `Hi {{first_name}},\n\nMessage ${i} of version ${version + 1}.\n\nUnsubscribe: {{unsubscribe_url}}`,
    };
  });
  return { steps, settings: { exitOnReply: true, exitOnUnsubscribe: true } };
}

/**
 * Seeds the large data set into an already migrated database at `url` (set-based, a few minutes
 * at full size). Every run adds its own contacts and sequences, tagged, next to existing data.
 */
export async function seedLarge(
  url: string,
  sizes: SeedSizes = FULL_SIZES,
  log: (what: string) => void = () => {},
): Promise<SeedSummary> {
  const {
    contacts: CONTACTS,
    sequences: SEQUENCES,
    versions: VERSIONS,
    enrollmentsPerSequence: ENROLLMENTS_PER_SEQUENCE,
  } = sizes;
  if (ENROLLMENTS_PER_SEQUENCE > CONTACTS)
    throw new Error(
      "enrollmentsPerSequence must not exceed contacts (one in-flight enrollment per contact and sequence).",
    );
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const sequenceIds: string[] = [];
  try {
    const actor =
      (await client.query<{ id: string }>("SELECT id FROM users ORDER BY created_at LIMIT 1")).rows[0]?.id ?? null;
    const tag = Date.now().toString(36);
    await client.query(
      `INSERT INTO contacts (email, first_name, last_name, phone, updated_at)
       SELECT 'large-' || $1 || '-' || g || '@example.com', 'First' || g, 'Last' || (g % 997), '+1555' || lpad(g::text, 7, '0'), now()
       FROM generate_series(1, $2) g`,
      [tag, CONTACTS],
    );
    log(`${CONTACTS} contacts`);
    const contactIds = (
      await client.query<{ id: string }>("SELECT id FROM contacts WHERE email LIKE $1 ORDER BY email", [
        `large-${tag}-%`,
      ])
    ).rows.map((r) => r.id);

    for (let s = 0; s < SEQUENCES; s++) {
      const seq = (
        await client.query<{ id: string }>(
          `INSERT INTO sequences (name, description, status, draft, created_by_id, updated_at) VALUES ($1, 'Large seed', 'active', '{"steps":[],"settings":{}}', $2, now()) RETURNING id`,
          [`Large sequence ${s + 1} (${tag})`, actor],
        )
      ).rows[0]!.id;
      sequenceIds.push(seq);
      let parent: string | null = null;
      const versionIds: string[] = [];
      for (let v = 0; v < VERSIONS; v++) {
        const content = versionContent(s, v);
        const row: { id: string } = (
          await client.query<{ id: string }>(
            `INSERT INTO sequence_versions (sequence_id, number, content, content_hash, published_by_id, published_at, note, parent_version_id)
           VALUES ($1, $2, $3, $4, $5, now() - make_interval(days => $6), $7, $8) RETURNING id`,
            [
              seq,
              v + 1,
              JSON.stringify(content),
              contentHash(content),
              actor,
              (VERSIONS - v) * 7,
              `Large seed v${v + 1}`,
              parent,
            ],
          )
        ).rows[0]!;
        versionIds.push(row.id);
        parent = row.id;
      }
      await client.query(
        "UPDATE sequences SET active_version_id = $1, draft = (SELECT content FROM sequence_versions WHERE id = $1) WHERE id = $2",
        [parent, seq],
      );
      for (let from = 0; from < ENROLLMENTS_PER_SEQUENCE; from += ENROLLMENT_CHUNK) {
        const slice = Array.from(
          { length: Math.min(ENROLLMENT_CHUNK, ENROLLMENTS_PER_SEQUENCE - from) },
          (_, n) => contactIds[(s * 4999 + from + n) % contactIds.length]!,
        );
        // Status and position are derived from the row number so the spread is deterministic.
        await client.query(
          `WITH src AS (
           SELECT c AS contact_id, n + $5 AS n, ($3::uuid[])[1 + ((n + $5) % $4)] AS version_id FROM unnest($2::uuid[]) WITH ORDINALITY AS t(c, n)
         ), placed AS (
           SELECT src.*, v.content, jsonb_array_length(v.content->'steps') AS step_count,
                  CASE WHEN n % 20 < 12 THEN 'active' WHEN n % 20 < 14 THEN 'paused' WHEN n % 20 < 18 THEN 'completed' WHEN n % 20 < 19 THEN 'exited' ELSE 'failed' END AS status
           FROM src JOIN sequence_versions v ON v.id = src.version_id
         ), positioned AS (
           SELECT placed.*, CASE WHEN status = 'completed' THEN step_count ELSE (n * 7 % LEAST(step_count, 9))::int END AS idx FROM placed
         ), inserted AS (
           INSERT INTO enrollments (contact_id, sequence_id, sequence_version_id, current_step_index, current_step_key, status, next_run_at, enrolled_at, exit_reason, finished_at, updated_at)
           SELECT contact_id, $1::uuid, version_id, idx, content->'steps'->idx->>'key', status::"EnrollmentStatus",
                  CASE WHEN status = 'active' THEN now() + make_interval(mins => (n % 20000)::int) END,
                  now() - make_interval(days => (n % 60)::int),
                  CASE WHEN status = 'exited' THEN 'replied' WHEN status = 'failed' THEN 'delivery failed' END,
                  CASE WHEN status IN ('completed', 'exited', 'failed') THEN now() - make_interval(hours => (n % 500)::int) END,
                  now()
           FROM positioned
           RETURNING id, contact_id, sequence_version_id, current_step_index, enrolled_at
         ), sent AS (
           -- The mailbox's history: each enrollment's latest email or SMS, as delivered, so the
           -- messages table grows with the enrollments (one row per enrollment that reached one).
           INSERT INTO messages (enrollment_id, sequence_version_id, step_key, execution_key, channel, "to", subject, body, status, attempts, next_attempt_at, created_at, sent_at)
           SELECT i.id, i.sequence_version_id, last.step->>'key', '0:' || (last.step->>'key'), (last.step->>'type')::"Channel",
                  CASE WHEN last.step->>'type' = 'sms' THEN c.phone ELSE c.email END, last.step->>'subject',
                  replace(replace(last.step->>'body', '{{first_name}}', c.first_name), '{{unsubscribe_url}}', 'https://example.com/u/' || i.id),
                  'sent'::"MessageStatus", 1, NULL, i.enrolled_at + make_interval(hours => last.g), i.enrolled_at + make_interval(hours => last.g)
           FROM inserted i JOIN contacts c ON c.id = i.contact_id JOIN sequence_versions v ON v.id = i.sequence_version_id
           CROSS JOIN LATERAL (
             SELECT g, v.content->'steps'->g AS step FROM generate_series(i.current_step_index - 1, 0, -1) g
             WHERE v.content->'steps'->g->>'type' IN ('email', 'sms') LIMIT 1
           ) last
         )
         INSERT INTO enrollment_events (enrollment_id, sequence_version_id, step_index, step_key, type, execution_key, at, detail)
         SELECT i.id, i.sequence_version_id, NULL, NULL, 'enrolled'::"EventType", NULL, i.enrolled_at, '{}'::jsonb FROM inserted i
         UNION ALL
         SELECT i.id, i.sequence_version_id, g, v.content->'steps'->g->>'key', 'step_executed'::"EventType", '0:' || (v.content->'steps'->g->>'key'), i.enrolled_at + make_interval(hours => g), '{}'::jsonb
         FROM inserted i JOIN sequence_versions v ON v.id = i.sequence_version_id, generate_series(0, i.current_step_index - 1) g`,
          [seq, slice, versionIds, VERSIONS, from],
        );
      }
      log(
        `sequence ${s + 1}/${SEQUENCES}: ${VERSIONS} versions, ${ENROLLMENTS_PER_SEQUENCE} enrollments with timelines`,
      );
    }
    // VACUUM too: a freshly bulk-loaded table has no visibility map (no index-only scans) and
    // autovacuum would otherwise start on it in the middle of whatever runs next.
    await client.query("VACUUM ANALYZE");
    const counts = (
      await client.query<{ contacts: string; enrollments: string; events: string; messages: string }>(
        "SELECT (SELECT count(*) FROM contacts) contacts, (SELECT count(*) FROM enrollments) enrollments, (SELECT count(*) FROM enrollment_events) events, (SELECT count(*) FROM messages) messages",
      )
    ).rows[0]!;
    log(`done: ${JSON.stringify(counts)}`);
    return {
      tag,
      sequenceIds,
      contacts: Number(counts.contacts),
      enrollments: Number(counts.enrollments),
      events: Number(counts.events),
      messages: Number(counts.messages),
    };
  } finally {
    await client.end();
  }
}

async function main() {
  const force = process.argv.includes("--force");
  const database = await openDevDatabase();
  if (!isLocalDatabase(database.url) && !force) {
    console.error("Refusing to seed a non-local database. Pass --force if you really mean it.");
    await database.stop();
    process.exit(2);
  }
  try {
    // As the owner (MIGRATION_DATABASE_URL, else DATABASE_URL, else embedded): bulk SQL, like a migration.
    await migrateDatabase(database.url);
    const started = Date.now();
    const at = process.argv.indexOf("--enrollments");
    const sizes = at >= 0 ? sizesForEnrollments(Number(process.argv[at + 1])) : sizesFromEnv();
    await seedLarge(database.url, sizes, (what) =>
      console.log(`${((Date.now() - started) / 1000).toFixed(1)}s  ${what}`),
    );
  } finally {
    await database.stop();
  }
}

// Run as a script (`npm run seed:large`), not when imported by the benchmarks.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();
