import { z } from "zod";
import { MAX_STEPS, WAIT_UNITS, sequenceSettingsSchema, stepKeySchema } from "./steps";

// A draft is work in progress: it may hold blank subjects or unknown merge fields until the
// marketer fixes them (publishing validates strictly). It is still bounded, so a save can never
// store oversize or malformed data.
const MAX_BODY_CHARS = 100 * 1024;

const draftStepSchema = z.discriminatedUnion("type", [
  z.object({ key: stepKeySchema, type: z.literal("email"), subject: z.string().max(200, "Subject must be at most 200 characters"), body: z.string().max(MAX_BODY_CHARS, "Body must be at most 100 KB") }),
  z.object({ key: stepKeySchema, type: z.literal("sms"), body: z.string().max(1600, "SMS text must be at most 1600 characters") }),
  z.object({
    key: stepKeySchema,
    type: z.literal("wait"),
    amount: z.number().int("Wait must be a whole number").min(0).max(365, "Wait must be at most 365"),
    unit: z.enum(WAIT_UNITS),
    businessDaysOnly: z.boolean().default(false),
  }),
  z.object({ key: stepKeySchema, type: z.literal("task"), title: z.string().max(200, "Task title must be at most 200 characters"), note: z.string().max(5000, "Task note must be at most 5000 characters").default("") }),
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
