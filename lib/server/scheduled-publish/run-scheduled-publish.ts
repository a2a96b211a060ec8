import "server-only";
import { DRAFT_CHANGED_REASON } from "@/lib/domain/scheduled-publish";
import { roleAtLeast, type Role } from "@/lib/domain/roles";
import { logger } from "@/lib/observability/logger";
import { writeAudit } from "../audit";
import { db, type Tx } from "../db";
import { DomainError } from "../errors";
import { publishVersion } from "../sequences/publish-version";

export type ScheduledRunOutcome =
  | { outcome: "published"; versionId: string; number: number; created: boolean }
  | { outcome: "cancelled" | "failed"; reason: string }
  /** Not open any more (another worker published it, or it was cancelled), missing, or not due yet. */
  | { outcome: "skipped" | "not_due" };

/** Another worker holds or has finished this schedule: roll the publish back and do nothing. */
class ScheduleTaken extends Error {}

/** A refusal that ends the schedule as cancelled (the draft moved on) rather than failed. */
class ScheduleCancelled extends DomainError {}

/**
 * Publishes one due schedule through the same `publishVersion` the dialog uses, exactly once
 * however many workers try: the schedule row is claimed (FOR UPDATE SKIP LOCKED, status
 * 'scheduled') inside the publish transaction, after the sequence row lock, and set to
 * 'published' before that transaction commits. A refusal (guardrail, review gate, archived, the
 * draft changed) ends it as failed or cancelled with the reason; nobody is notified, the sequence
 * page shows it. Anything else (the database went away) leaves it scheduled for a retry.
 */
export async function runScheduledPublish(options: { scheduleId: string; now?: Date }): Promise<ScheduledRunOutcome> {
  const schedule = await db().scheduledPublish.findUnique({ where: { id: options.scheduleId } });
  if (!schedule || schedule.status !== "scheduled") return { outcome: "skipped" };
  if (schedule.publishAt.getTime() > (options.now ?? new Date()).getTime()) return { outcome: "not_due" };

  try {
    const result = await publishVersion({
      actorId: schedule.createdById,
      sequenceId: schedule.sequenceId,
      note: schedule.note,
      expectedRevision: schedule.draftRevision,
      within: {
        afterLock: async (tx) => {
          const claimed = await tx.$queryRaw<{ draft_revision: number; created_by_id: string }[]>`
            SELECT draft_revision, created_by_id FROM scheduled_publishes
            WHERE id = ${schedule.id}::uuid AND status = 'scheduled'
            FOR UPDATE SKIP LOCKED`;
          const row = claimed[0];
          if (!row) throw new ScheduleTaken();
          const [sequence] = await tx.$queryRaw<{ draft_revision: number }[]>`
            SELECT draft_revision FROM sequences WHERE id = ${schedule.sequenceId}::uuid`;
          if (sequence?.draft_revision !== row.draft_revision) throw new ScheduleCancelled(DRAFT_CHANGED_REASON);
          const [author] = await tx.$queryRaw<{ name: string; role: Role }[]>`
            SELECT name, role::text AS role FROM users WHERE id = ${row.created_by_id}::uuid`;
          if (!author || !roleAtLeast(author.role, "editor"))
            throw new DomainError(
              `${author?.name ?? "The person who scheduled it"} can no longer publish (role ${author?.role ?? "removed"}).`,
            );
        },
        beforeCommit: async (tx, published) => {
          if (published.contentHash !== schedule.contentHash) throw new ScheduleCancelled(DRAFT_CHANGED_REASON);
          await tx.$executeRaw`
            UPDATE scheduled_publishes
            SET status = 'published', published_version_id = ${published.versionId}::uuid, finished_at = now(),
                reason = ${published.created ? null : `Nothing new: the draft was already v${published.number}.`}
            WHERE id = ${schedule.id}::uuid`;
          await writeAudit(tx, {
            actorId: schedule.createdById,
            action: "sequence.scheduled_publish_run",
            entityType: "sequence",
            entityId: schedule.sequenceId,
            summary: published.created
              ? `The scheduled publish ran: v${published.number} is live`
              : `The scheduled publish ran: the draft was already v${published.number}`,
            detail: {
              scheduleId: schedule.id,
              versionId: published.versionId,
              number: published.number,
              publishAt: schedule.publishAt.toISOString(),
            },
          });
        },
      },
    });
    return { outcome: "published", versionId: result.versionId, number: result.number, created: result.created };
  } catch (error) {
    if (error instanceof ScheduleTaken) return { outcome: "skipped" };
    if (!(error instanceof DomainError)) throw error;
    const outcome = error instanceof ScheduleCancelled ? "cancelled" : "failed";
    const ended = await db().$transaction((tx) => endSchedule(tx, schedule.id, outcome, error.message));
    return ended ? { outcome, reason: error.message } : { outcome: "skipped" };
  }
}

/** Marks an open schedule failed or cancelled; false when another worker or a person ended it first. */
async function endSchedule(tx: Tx, scheduleId: string, status: "failed" | "cancelled", reason: string) {
  const rows = await tx.$queryRaw<{ sequence_id: string }[]>`
    UPDATE scheduled_publishes SET status = ${status}::"ScheduledPublishStatus", reason = ${reason}, finished_at = now()
    WHERE id = ${scheduleId}::uuid AND status = 'scheduled'
    RETURNING sequence_id`;
  const row = rows[0];
  if (!row) return false;
  logger().info({ scheduleId, status }, "scheduled publish did not publish");
  await writeAudit(tx, {
    actorId: null,
    action: status === "failed" ? "sequence.scheduled_publish_failed" : "sequence.cancel_scheduled_publish",
    entityType: "sequence",
    entityId: row.sequence_id,
    summary: `The scheduled publish did not run: ${reason}`,
    detail: { scheduleId, reason },
  });
  return true;
}

/** Due schedules, oldest first: the worker's sweep runs them after downtime or a lost job. */
export async function listDueScheduleIds(now: Date, limit = 50): Promise<string[]> {
  const rows = await db().$queryRaw<{ id: string }[]>`
    SELECT id FROM scheduled_publishes
    WHERE status = 'scheduled' AND publish_at <= ${now}
    ORDER BY publish_at LIMIT ${limit}`;
  return rows.map((r) => r.id);
}

/** Runs every due schedule once (several workers may sweep at once: each schedule still publishes once). */
export async function sweepDueSchedules(now: Date = new Date()): Promise<ScheduledRunOutcome[]> {
  const outcomes: ScheduledRunOutcome[] = [];
  for (const id of await listDueScheduleIds(now)) outcomes.push(await runScheduledPublish({ scheduleId: id, now }));
  return outcomes;
}
