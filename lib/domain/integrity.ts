// The integrity check's pure rules: a version's content still hashes to its stored hash, and an
// enrollment's timeline never changes version except through a recorded operator migration (or its
// undo). lib/server/integrity reads the rows and reports; nothing here touches a database.
import { contentHash } from "./canonical-hash";
import { versionContentSchema } from "./steps";

/** True when the stored content still hashes to the stored hash (false too when it no longer parses). */
export function versionHashMatches(content: unknown, storedHash: string): boolean {
  const parsed = versionContentSchema.safeParse(content);
  if (!parsed.success) return false;
  return contentHash(parsed.data) === storedHash;
}

export type TimelineEvent = { id: string; type: string; versionId: string | null; detail: unknown };
export type RecordedMigration = { fromVersionId: string; toVersionId: string };
export type TimelineOffense = { enrollmentId: string; eventId: string | null; problem: string };

/**
 * Events that belong to a message or task created earlier (delivery, engagement, completion): they
 * carry that message's or task's version, which the enrollment was on when it was created, possibly
 * before a later migration moved it. They must name a version the enrollment had been on by then.
 */
const FOLLOW_UP_TYPES: ReadonlySet<string> = new Set([
  "message_sent",
  "message_failed",
  "bounced",
  "message_opened",
  "link_clicked",
  "task_completed",
]);

function migrationIdOf(detail: unknown): string | null {
  if (typeof detail !== "object" || detail === null) return null;
  const id = (detail as { migrationId?: unknown }).migrationId;
  return typeof id === "string" ? id : null;
}

/**
 * Walks one enrollment's timeline in the order it was written and follows its version: it starts on
 * the version of its first event (enrolled), changes only at a `migrated` event of a recorded
 * migration from that version (to its target; an exit stays on the source) or a `migration_undone`
 * back to the migration's source, and must end on the version the enrollment row names.
 * `label` turns a version id into words ("v2") for the problems it reports.
 */
export function checkTimeline(input: {
  enrollmentId: string;
  currentVersionId: string;
  events: readonly TimelineEvent[];
  migrations: ReadonlyMap<string, RecordedMigration>;
  label: (versionId: string) => string;
}): { offenses: TimelineOffense[]; checkedEvents: number; versionChanges: number } {
  const { enrollmentId, label } = input;
  const offenses: TimelineOffense[] = [];
  const seen = new Set<string>();
  let current: string | null = null;
  let checked = 0;
  let changes = 0;
  const offend = (eventId: string | null, problem: string) => offenses.push({ enrollmentId, eventId, problem });

  for (const event of input.events) {
    if (event.versionId === null) continue;
    checked += 1;
    if (current === null) {
      current = event.versionId;
      seen.add(current);
      continue;
    }
    if (event.type === "migrated" || event.type === "migration_undone") {
      const migrationId = migrationIdOf(event.detail);
      const migration = migrationId ? input.migrations.get(migrationId) : undefined;
      if (!migration) {
        offend(event.id, `a ${event.type} event names no recorded migration (${migrationId ?? "none"})`);
      } else {
        const [from, to] =
          event.type === "migrated"
            ? [migration.fromVersionId, migration.toVersionId]
            : [migration.toVersionId, migration.fromVersionId];
        // An exit by migration stays on the source (A); undoing it then starts from A too.
        const leftFrom = current === from || (event.type === "migration_undone" && current === to);
        const landed = event.versionId === to || (event.type === "migrated" && event.versionId === from);
        if (!leftFrom || !landed)
          offend(
            event.id,
            `a ${event.type} event moves ${label(current)} to ${label(event.versionId)}, but its migration goes from ${label(from)} to ${label(to)}`,
          );
      }
      if (event.versionId !== current) changes += 1;
      current = event.versionId;
      seen.add(current);
      continue;
    }
    if (FOLLOW_UP_TYPES.has(event.type)) {
      if (!seen.has(event.versionId))
        offend(
          event.id,
          `a ${event.type} event is on ${label(event.versionId)}, a version the enrollment had never been on`,
        );
      continue;
    }
    if (event.versionId !== current)
      offend(
        event.id,
        `a ${event.type} event is on ${label(event.versionId)} while the enrollment was on ${label(current)}`,
      );
  }
  if (current !== null && current !== input.currentVersionId)
    offend(
      null,
      `the enrollment is on ${label(input.currentVersionId)} but its timeline leaves it on ${label(current)}: it changed version without a recorded migration`,
    );
  return { offenses, checkedEvents: checked, versionChanges: changes };
}

export type CheckStatus = "passed" | "failed";

/** One line of the integrity report: what was checked, in plain words, with counts and the first offenders. */
export type IntegrityCheckResult = {
  id: string;
  title: string;
  status: CheckStatus;
  /** What passing means, or what failed, in plain words. */
  summary: string;
  checked: number;
  failed: number;
  /** The first few offending ids (at most EXAMPLES_SHOWN) with what is wrong with each. */
  examples: { id: string; problem: string }[];
};

export const EXAMPLES_SHOWN = 5;

export type IntegrityReport = {
  startedAt: string;
  finishedAt: string;
  passed: boolean;
  checks: IntegrityCheckResult[];
};

export function reportOf(startedAt: Date, finishedAt: Date, checks: IntegrityCheckResult[]): IntegrityReport {
  return {
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    passed: checks.every((c) => c.status === "passed"),
    checks,
  };
}
