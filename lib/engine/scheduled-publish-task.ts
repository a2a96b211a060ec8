// Scheduled publish in the worker: a graphile-worker job per schedule (queued at `publish_at` by the
// app, job key per schedule) and a periodic sweep that catches schedules whose job was lost or that
// fell due while no worker ran. Both call the same service, which publishes each schedule exactly
// once however many workers run it (lib/server/scheduled-publish/run-scheduled-publish.ts).
import type { Task } from "graphile-worker";
import { z } from "zod";
import { SCHEDULED_PUBLISH_TASK } from "@/lib/server/scheduled-publish/schedule-jobs";
import { runScheduledPublish, sweepDueSchedules } from "@/lib/server/scheduled-publish/run-scheduled-publish";
import { logger } from "@/lib/observability/logger";
import type { Clock } from "./clock";

const payloadSchema = z.object({ scheduleId: z.uuid() });

/** How often each worker sweeps for due schedules (SCHEDULED_PUBLISH_SWEEP_MS, default one minute). */
export const DEFAULT_SCHEDULE_SWEEP_MS = 60_000;

/** The task list entry for the worker's graphile-worker runner. */
export function scheduledPublishTasks(clock: Clock): Record<string, Task> {
  const task: Task = async (payload) => {
    const { scheduleId } = payloadSchema.parse(payload);
    const result = await runScheduledPublish({ scheduleId, now: clock.now() });
    if (result.outcome !== "skipped")
      logger().info({ scheduleId, outcome: result.outcome }, "scheduled publish job finished");
  };
  return { [SCHEDULED_PUBLISH_TASK]: task };
}

/** One sweep: runs every due schedule; returns how many it published. */
export async function sweepScheduledPublishes(clock: Clock): Promise<number> {
  const outcomes = await sweepDueSchedules(clock.now());
  const published = outcomes.filter((o) => o.outcome === "published").length;
  if (published > 0) logger().info({ published }, "scheduled publish sweep published overdue schedules");
  return published;
}
