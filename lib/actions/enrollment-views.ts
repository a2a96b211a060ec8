"use server";
import { z } from "zod";
import { defineAction } from "@/lib/server/action-client";
import { countMissingChannels } from "@/lib/server/enrollment-views/count-missing-channels";
import { listPublishedSequences } from "@/lib/server/enrollment-views/list-published-sequences";

// Reads for client components (TanStack Query). Viewers may read what editors see.
export const enrollableSequencesAction = defineAction({
  name: "enrollments.enrollableSequences",
  role: "viewer",
  input: z.object({}),
  handler: async () => (await listPublishedSequences()).filter((s) => s.status !== "archived"),
});

/** The enroll dialog's warning: chosen contacts lacking a channel the sequence uses, with counts (never blocks). */
export const missingChannelsAction = defineAction({
  name: "enrollments.missingChannels",
  role: "editor",
  input: z.object({
    sequenceId: z.uuid(),
    source: z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("ids"), contactIds: z.array(z.uuid()).max(5_000) }),
      z.object({ kind: z.literal("search"), query: z.string().max(200), field: z.enum(["name", "email"]) }),
    ]),
  }),
  handler: async (input) => {
    const report = await countMissingChannels(input);
    return { warnings: report.warnings, counts: report.counts };
  },
});
