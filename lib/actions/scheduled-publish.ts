"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { SCHEDULE_NOTE_MAX } from "@/lib/domain/scheduled-publish";
import { defineAction } from "@/lib/server/action-client";
import { cancelScheduledPublish } from "@/lib/server/scheduled-publish/cancel-scheduled-publish";
import { schedulePublish } from "@/lib/server/scheduled-publish/schedule-publish";

export const schedulePublishAction = defineAction({
  name: "sequences.schedulePublish",
  role: "editor",
  input: z.object({
    sequenceId: z.uuid(),
    revision: z.number().int().min(0),
    /** "YYYY-MM-DDTHH:mm", wall-clock in the user's display zone. */
    localTime: z.string().max(16),
    note: z.string().trim().max(SCHEDULE_NOTE_MAX).default(""),
  }),
  handler: async (input, { user }) => {
    const result = await schedulePublish({ actorId: user.id, ...input });
    revalidatePath(`/sequences/${input.sequenceId}`);
    return { scheduleId: result.scheduleId, publishAt: result.publishAt.toISOString(), timeZone: result.timeZone };
  },
});

export const cancelScheduledPublishAction = defineAction({
  name: "sequences.cancelScheduledPublish",
  role: "editor",
  input: z.object({ scheduleId: z.uuid(), sequenceId: z.uuid() }),
  handler: async (input, { user }) => {
    await cancelScheduledPublish({ actorId: user.id, scheduleId: input.scheduleId });
    revalidatePath(`/sequences/${input.sequenceId}`);
    return { cancelled: true };
  },
});
