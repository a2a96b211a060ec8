import "server-only";
import type { Tx } from "../db";

/** graphile-worker task name of a scheduled publish (lib/engine/scheduled-publish-task.ts runs it). */
export const SCHEDULED_PUBLISH_TASK = "scheduled_publish";

/** One job per schedule (job key): scheduling again or twice replaces it instead of adding a second. */
export function scheduleJobKey(scheduleId: string): string {
  return `scheduled-publish:${scheduleId}`;
}

/** Queues the worker's job for `publishAt`, in the caller's transaction (it exists only if the schedule commits). */
export async function queueScheduledPublishJob(tx: Tx, scheduleId: string, publishAt: Date): Promise<void> {
  await tx.$executeRaw`
    SELECT graphile_worker.add_job(
      ${SCHEDULED_PUBLISH_TASK},
      json_build_object('scheduleId', ${scheduleId}::text),
      run_at := ${publishAt}::timestamptz,
      max_attempts := 10,
      job_key := ${scheduleJobKey(scheduleId)}
    )`;
}

/** Drops the job of a schedule that will not run (cancelled); harmless when it already ran or never existed. */
export async function removeScheduledPublishJob(tx: Tx, scheduleId: string): Promise<void> {
  await tx.$executeRaw`SELECT graphile_worker.remove_job(${scheduleJobKey(scheduleId)})`;
}
