// Sequences, versions and enrollments for the step-runner tests, created through the real
// services (createSequence, saveDraft, publishVersion, enrollContacts), so fixtures cannot drift
// from what the app writes. Contacts are bulk-inserted (thousands in one statement; contacts are
// not enrollment state). Runner calls in tests pass a `scope` (their sequences), so files and
// tests never claim each other's due work and need no time windows of their own.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { contentHash } from "@/lib/domain/canonical-hash";
import {
  versionContentSchema,
  type StepInput,
  type VersionContent,
  type VersionContentInput,
} from "@/lib/domain/steps";
import { db } from "@/lib/server/db";
import { DomainError } from "@/lib/server/errors";
import { createSequence as createSequenceService } from "@/lib/server/sequences/create-sequence";
import { enrollContacts } from "@/lib/server/sequences/enroll-contacts";
import { publishVersion } from "@/lib/server/sequences/publish-version";
import { saveDraft } from "@/lib/server/sequences/save-draft";
import { insertEnrollments } from "@/lib/store/enroll";
import { pgSql } from "@/lib/store/sql";

export function testPool(max = 5): pg.Pool {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max });
  pool.on("error", () => {});
  pool.on("connect", (client) => client.on("error", () => {}));
  return pool;
}

type Settings = VersionContentInput["settings"];

let fixtureActor: Promise<string> | undefined;
/** The editor every fixture acts as (services record who did what). */
export function fixtureActorId(): Promise<string> {
  fixtureActor ??= db()
    .user.create({
      data: {
        email: `fixtures-${randomUUID().slice(0, 8)}@test.example`,
        name: "Fixtures",
        role: "editor",
        passwordHash: "x",
      },
    })
    .then((u) => u.id);
  return fixtureActor;
}

export async function createSequence(_pool: pg.Pool, name = `seq-${randomUUID().slice(0, 8)}`): Promise<string> {
  const { id } = await createSequenceService({ actorId: await fixtureActorId(), name, description: "" });
  return id;
}

/** Saves `steps` as the draft and publishes it (the new version becomes active); returns its id. */
export async function createVersion(
  _pool: pg.Pool,
  options: { sequenceId: string; steps: StepInput[]; settings?: Settings },
): Promise<string> {
  const actorId = await fixtureActorId();
  const draft = versionContentSchema.parse({ steps: options.steps, settings: options.settings ?? {} });
  const { draftRevision } = await db().sequence.findUniqueOrThrow({
    where: { id: options.sequenceId },
    select: { draftRevision: true },
  });
  await saveDraft({ actorId, sequenceId: options.sequenceId, revision: draftRevision, draft });
  try {
    const { versionId } = await publishVersion({ actorId, sequenceId: options.sequenceId, note: "fixture" });
    return versionId;
  } catch (error) {
    // Runner fixtures are about running versions, not publishing them: content the guardrails
    // refuse (an email without {{unsubscribe_url}}) is inserted as a version published before
    // guardrails existed would be, so the runner tests keep their exact bodies.
    if (!(error instanceof DomainError) || !(error.details as { lintErrors?: unknown } | undefined)?.lintErrors)
      throw error;
    return insertVersionWithoutGuardrails(options.sequenceId, draft, actorId);
  }
}

async function insertVersionWithoutGuardrails(sequenceId: string, content: VersionContent, actorId: string) {
  return db().$transaction(async (tx) => {
    const last = await tx.sequenceVersion.findFirst({
      where: { sequenceId },
      orderBy: { number: "desc" },
      select: { id: true, number: true },
    });
    const version = await tx.sequenceVersion.create({
      data: {
        sequenceId,
        number: (last?.number ?? 0) + 1,
        content,
        contentHash: contentHash(content),
        publishedById: actorId,
        note: "fixture (before guardrails)",
        parentVersionId: last?.id ?? null,
      },
      select: { id: true },
    });
    await tx.sequence.update({ where: { id: sequenceId }, data: { activeVersionId: version.id, status: "active" } });
    return version.id;
  });
}

export async function createSequenceWithVersion(pool: pg.Pool, steps: StepInput[], settings?: Settings) {
  const sequenceId = await createSequence(pool);
  const versionId = await createVersion(pool, { sequenceId, steps, settings });
  return { sequenceId, versionId };
}

/** `count` contacts named First<i> Last<i>, with a phone; returns their ids in order. */
export async function createContacts(
  pool: pg.Pool,
  count: number,
  prefix = `c${randomUUID().slice(0, 8)}`,
): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO contacts (email, first_name, last_name, phone)
     SELECT $1 || '-' || i || '@test.example', 'First' || i, 'Last' || i, '+1555' || lpad(i::text, 7, '0')
     FROM generate_series(1, $2::int) AS i
     ORDER BY i
     RETURNING id`,
    [prefix, count],
  );
  return rows.map((r) => r.id);
}

/**
 * Enrolls the contacts through enrollContacts at `at` (due then), on the sequence's active
 * version, which must be `versionId`; returns the enrollment ids in the contacts' order.
 */
export async function enroll(
  pool: pg.Pool,
  options: { sequenceId: string; versionId: string; contactIds: readonly string[]; at: Date },
): Promise<string[]> {
  const result = await enrollContacts({
    actorId: await fixtureActorId(),
    sequenceId: options.sequenceId,
    contactIds: [...options.contactIds],
    now: options.at,
  });
  if (result.versionId !== options.versionId)
    throw new Error(`enrolled on ${result.versionId}, expected the active version ${options.versionId}`);
  if (result.enrolled !== options.contactIds.length)
    throw new Error(`enrolled ${result.enrolled} of ${options.contactIds.length}`);
  const { rows } = await pool.query<{ id: string }>(
    `SELECT e.id FROM unnest($1::uuid[]) WITH ORDINALITY AS u(contact_id, n)
     JOIN enrollments e ON e.contact_id = u.contact_id AND e.sequence_id = $2 AND e.sequence_version_id = $3
     ORDER BY u.n`,
    [options.contactIds, options.sequenceId, options.versionId],
  );
  return rows.map((r) => r.id);
}

/**
 * For a test on a database of its own (the services' Prisma client is bound to the shared one):
 * a sequence with one published version written as publishVersion writes it, and the contacts
 * enrolled through the enrollment store, due at `at`.
 */
export async function seedOnOwnDatabase(
  pool: pg.Pool,
  options: { steps: StepInput[]; contactIds: readonly string[]; at: Date },
) {
  const content = versionContentSchema.parse({ steps: options.steps, settings: {} });
  const { rows: seq } = await pool.query<{ id: string }>(
    `INSERT INTO sequences (name, status) VALUES ($1, 'active') RETURNING id`,
    [`seq-${randomUUID().slice(0, 8)}`],
  );
  const sequenceId = seq[0]!.id;
  const { rows: version } = await pool.query<{ id: string }>(
    `INSERT INTO sequence_versions (sequence_id, number, content, content_hash) VALUES ($1, 1, $2, $3) RETURNING id`,
    [sequenceId, JSON.stringify(content), contentHash(content)],
  );
  const versionId = version[0]!.id;
  await pool.query(`UPDATE sequences SET active_version_id = $2 WHERE id = $1`, [sequenceId, versionId]);
  const client = await pool.connect();
  try {
    const firstStepKey = content.steps[0]?.key ?? null;
    await insertEnrollments(pgSql(client), {
      sequenceId,
      versionId,
      firstStepKey,
      contactIds: options.contactIds,
      actorId: null,
      now: options.at,
    });
  } finally {
    client.release();
  }
  return { sequenceId, versionId };
}

export type TimelineRow = {
  type: string;
  step_key: string | null;
  step_index: number | null;
  sequence_version_id: string | null;
  execution_key: string | null;
  at: Date;
};

export async function timeline(pool: pg.Pool, enrollmentId: string): Promise<TimelineRow[]> {
  const { rows } = await pool.query<TimelineRow>(
    `SELECT type::text AS type, step_key, step_index, sequence_version_id, execution_key, at FROM enrollment_events WHERE enrollment_id = $1 ORDER BY at, id`,
    [enrollmentId],
  );
  return rows;
}

export async function countWhere(pool: pg.Pool, sql: string, params: unknown[]): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(sql, params);
  return Number(rows[0]!.n);
}

export const DAY = 24 * 60 * 60 * 1000;
export const HOUR = 60 * 60 * 1000;
