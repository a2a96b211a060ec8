import { z } from "zod";
import { MAX_STEPS, sequenceSettingsSchema, stepObjectSchemas } from "./steps";

// A draft is work in progress: it may hold blank subjects or unknown merge fields until the
// marketer fixes them (publishing validates strictly). Its step shapes come from the same
// declarations as the published ones (steps.ts, "draft" mode), so fields and limits are one.
const draftSteps = stepObjectSchemas("draft");
const draftStepSchema = z.discriminatedUnion("type", [
  draftSteps.email,
  draftSteps.sms,
  draftSteps.wait,
  draftSteps.task,
]);

export const draftContentSchema = z.object({
  steps: z
    .array(draftStepSchema)
    .max(MAX_STEPS, `A sequence can have at most ${MAX_STEPS} steps`)
    .refine((steps) => new Set(steps.map((s) => s.key)).size === steps.length, "Step keys must be unique"),
  settings: sequenceSettingsSchema.prefault({}),
});

export type DraftContent = z.output<typeof draftContentSchema>;
export type DraftStep = DraftContent["steps"][number];

export const EMPTY_DRAFT: DraftContent = { steps: [], settings: { exitOnReply: true, exitOnUnsubscribe: true } };
