import pg from "pg";
import { createSequence } from "../../lib/server/sequences/create-sequence";
import { enrollContacts } from "../../lib/server/sequences/enroll-contacts";
import { publishVersion } from "../../lib/server/sequences/publish-version";
import { saveDraft } from "../../lib/server/sequences/save-draft";
import { timed } from "./stats";

const DRAFT = {
  steps: [
    { key: "a", type: "email" as const, subject: "Hello {{first_name}}", body: "Welcome {{unsubscribe_url}}" },
    { key: "w", type: "wait" as const, amount: 2, unit: "days" as const, businessDaysOnly: false },
    { key: "b", type: "email" as const, subject: "Again", body: "Follow-up {{unsubscribe_url}}" },
  ],
  settings: { exitOnReply: true, exitOnUnsubscribe: true },
};

export async function insertContacts(url: string, count: number, prefix: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(
    `INSERT INTO contacts (email, first_name, last_name, updated_at)
     SELECT $1 || '-' || g || '@bench.example', 'First' || g, 'Last' || g, now() FROM generate_series(1, $2) g`,
    [prefix, count],
  );
  await client.end();
}

async function publishedSequence(actorId: string, name: string) {
  const { id } = await createSequence({ actorId, name, description: "" });
  await saveDraft({ actorId, sequenceId: id, revision: 0, draft: DRAFT });
  const v = await publishVersion({ actorId, sequenceId: id, note: "bench" });
  return { id, versionId: v.versionId };
}

/**
 * One bulk enroll call of `count` contacts through the service, against the database's own
 * limit: a plain INSERT ... SELECT of the same rows (enrollment + timeline row) into the same tables.
 */
export async function benchEnroll(url: string, actorId: string, count: number) {
  const prefix = `enroll${Date.now()}`;
  await insertContacts(url, count, prefix);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const ids = (
    await client.query<{ id: string }>("SELECT id FROM contacts WHERE email LIKE $1", [`${prefix}-%`])
  ).rows.map((r) => r.id);

  const service = await publishedSequence(actorId, "Bench enroll (service)");
  const { ms: serviceMs, result } = await timed(() =>
    enrollContacts({ actorId, sequenceId: service.id, contactIds: ids }),
  );
  if (result.enrolled !== count) throw new Error(`expected ${count} enrolled, got ${result.enrolled}`);

  const raw = await publishedSequence(actorId, "Bench enroll (raw)");
  const { ms: rawMs } = await timed(async () => {
    await client.query("BEGIN");
    await client.query(
      `WITH inserted AS (
         INSERT INTO enrollments (contact_id, sequence_id, sequence_version_id, current_step_index, current_step_key, status, next_run_at, enrolled_at, enrolled_by_id, updated_at)
         SELECT c, $1::uuid, $2::uuid, 0, 'a', 'active', now(), now(), $3::uuid, now() FROM unnest($4::uuid[]) c
         RETURNING id)
       INSERT INTO enrollment_events (enrollment_id, sequence_version_id, step_index, step_key, type, at, detail)
       SELECT id, $2::uuid, 0, 'a', 'enrolled', now(), '{}'::jsonb FROM inserted`,
      [raw.id, raw.versionId, actorId, ids],
    );
    await client.query("COMMIT");
  });
  await client.end();
  const enroll_per_s = count / (serviceMs / 1000);
  const raw_per_s = count / (rawMs / 1000);
  return { enroll_per_s, enroll_raw_per_s: raw_per_s, enroll_vs_raw: enroll_per_s / raw_per_s };
}
