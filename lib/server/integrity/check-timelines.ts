import "server-only";
import {
  checkTimeline,
  EXAMPLES_SHOWN,
  type IntegrityCheckResult,
  type RecordedMigration,
  type TimelineEvent,
  type TimelineOffense,
} from "@/lib/domain/integrity";
import { db } from "../db";
import { INTEGRITY_BATCH, type IntegrityScope } from "./integrity-scope";

const NO_ID = "00000000-0000-0000-0000-000000000000";

type EventRow = {
  enrollment_id: string;
  id: string;
  type: string;
  sequence_version_id: string | null;
  migration_id: string | null;
};

/**
 * Follows every enrollment's timeline (in the order rows were written: ids are UUIDv7) and checks
 * each row's version against the version the enrollment was on at that moment, migrations and
 * their undos included. Two results: the timeline rows, and "publishing never migrated anyone"
 * (no enrollment changed version except through a recorded migration).
 */
export async function checkTimelines(
  scope: IntegrityScope,
  labels: ReadonlyMap<string, string>,
): Promise<{ timeline: IntegrityCheckResult; migrations: IntegrityCheckResult }> {
  const sequenceIds = scope?.sequenceIds ?? null;
  const recorded = new Map<string, RecordedMigration>();
  for (const m of await db().$queryRaw<{ id: string; from_version_id: string; to_version_id: string }[]>`
    SELECT id, from_version_id, to_version_id FROM enrollment_migrations
    WHERE ${sequenceIds}::uuid[] IS NULL OR sequence_id = ANY(${sequenceIds}::uuid[])`)
    recorded.set(m.id, { fromVersionId: m.from_version_id, toVersionId: m.to_version_id });
  const label = (id: string) => labels.get(id) ?? `version ${id}`;

  const eventOffenses: TimelineOffense[] = [];
  const changeOffenses: TimelineOffense[] = [];
  let eventsBad = 0;
  let changesBad = 0;
  let enrollments = 0;
  let events = 0;
  let moves = 0;
  let after = NO_ID;
  for (;;) {
    const batch = await db().$queryRaw<{ id: string; sequence_version_id: string }[]>`
      SELECT id, sequence_version_id FROM enrollments
      WHERE id > ${after}::uuid AND (${sequenceIds}::uuid[] IS NULL OR sequence_id = ANY(${sequenceIds}::uuid[]))
      ORDER BY id LIMIT ${INTEGRITY_BATCH}`;
    if (batch.length === 0) break;
    const rows = await db().$queryRaw<EventRow[]>`
      SELECT enrollment_id, id, type::text AS type, sequence_version_id,
             CASE WHEN type IN ('migrated', 'migration_undone') THEN detail->>'migrationId' END AS migration_id
      FROM enrollment_events WHERE enrollment_id = ANY(${batch.map((e) => e.id)}::uuid[])
      ORDER BY enrollment_id, id`;
    const byEnrollment = new Map<string, TimelineEvent[]>();
    for (const row of rows) {
      let list = byEnrollment.get(row.enrollment_id);
      if (!list) byEnrollment.set(row.enrollment_id, (list = []));
      list.push({
        id: row.id,
        type: row.type,
        versionId: row.sequence_version_id,
        detail: { migrationId: row.migration_id },
      });
    }
    for (const enrollment of batch) {
      enrollments += 1;
      const result = checkTimeline({
        enrollmentId: enrollment.id,
        currentVersionId: enrollment.sequence_version_id,
        events: byEnrollment.get(enrollment.id) ?? [],
        migrations: recorded,
        label,
      });
      events += result.checkedEvents;
      moves += result.versionChanges;
      const changes = result.offenses.filter((o) => o.eventId === null || /recorded migration/.test(o.problem));
      const others = result.offenses.filter((o) => !changes.includes(o));
      if (changes.length > 0) changesBad += 1;
      if (others.length > 0) eventsBad += others.length;
      changeOffenses.push(...changes.slice(0, Math.max(0, EXAMPLES_SHOWN - changeOffenses.length)));
      eventOffenses.push(...others.slice(0, Math.max(0, EXAMPLES_SHOWN - eventOffenses.length)));
    }
    if (batch.length < INTEGRITY_BATCH) break;
    after = batch[batch.length - 1]!.id;
  }
  const examples = (offenses: TimelineOffense[]) =>
    offenses.slice(0, EXAMPLES_SHOWN).map((o) => ({
      id: o.eventId ?? o.enrollmentId,
      problem: `enrollment ${o.enrollmentId}: ${o.problem}`,
    }));
  return {
    timeline: {
      id: "timeline-versions",
      title: "Every timeline row is on the version its enrollment was on at that moment",
      status: eventsBad === 0 ? "passed" : "failed",
      summary:
        eventsBad === 0
          ? `${events} timeline rows of ${enrollments} enrollments each name the version the enrollment was on when the row was written (following ${moves} recorded moves).`
          : `${eventsBad} of ${events} timeline rows name a version the enrollment was not on at that moment.`,
      checked: events,
      failed: eventsBad,
      examples: examples(eventOffenses),
    },
    migrations: {
      id: "publishing-never-migrates",
      title: "Publishing never migrated anyone",
      status: changesBad === 0 ? "passed" : "failed",
      summary:
        changesBad === 0
          ? `No enrollment changed version except through a recorded migration: ${moves} moves, all by the ${recorded.size} recorded migration(s); publishing alone moved nobody.`
          : `${changesBad} of ${enrollments} enrollments changed version without a recorded migration.`,
      checked: enrollments,
      failed: changesBad,
      examples: examples(changeOffenses),
    },
  };
}
