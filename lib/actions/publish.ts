"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { inFlightChoiceSchema } from "@/lib/domain/lint/publish-record";
import { defineAction } from "@/lib/server/action-client";
import { findPublishPlan } from "@/lib/server/sequences/find-publish-plan";
import { publishVersion } from "@/lib/server/sequences/publish-version";

const sequenceId = z.uuid("Unknown sequence");

/** Guardrails and the in-flight plan for the publish dialog (a read: viewers see what editors see). */
export const publishPlanAction = defineAction({
  name: "sequences.publishPlan",
  role: "viewer",
  input: z.object({ sequenceId }),
  handler: async (input) => findPublishPlan(input.sequenceId),
});

/** The dialog's publish: the warnings the publisher ticked and the in-flight choice travel with it. */
export const publishWithPlanAction = defineAction({
  name: "sequences.publishWithPlan",
  role: "editor",
  input: z.object({
    sequenceId,
    note: z
      .string()
      .trim()
      .min(1, "Write a note: what changed and why")
      .max(500, "Note must be at most 500 characters"),
    expectedRevision: z.number().int().min(0),
    acknowledgedWarnings: z.array(z.string().max(300)).max(1000),
    inFlight: inFlightChoiceSchema,
  }),
  handler: async (input, { user }) => {
    const result = await publishVersion({ actorId: user.id, ...input });
    revalidatePath(`/sequences/${input.sequenceId}`);
    revalidatePath(`/sequences/${input.sequenceId}/migrations`);
    revalidatePath("/sequences");
    return result;
  },
});
