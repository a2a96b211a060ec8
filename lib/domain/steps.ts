import { z } from "zod";
import { CONTACT_MERGE_FIELDS, MAX_EMAIL_BODY_BYTES, MAX_STEPS, WAIT_UNITS, isContactMergeField, mergeFieldsIn } from "./step-kinds";

export {
  CONTACT_MERGE_FIELDS,
  MAX_STEPS,
  MERGE_FIELD_PATTERN,
  STEP_TYPES,
  WAIT_UNITS,
  blankStep,
  isContactMergeField,
  mergeFieldsIn,
  newStepKey,
  type ContactMergeField,
  type StepType,
} from "./step-kinds";

function checkMergeFields(text: string, ctx: z.RefinementCtx): void {
  for (const name of mergeFieldsIn(text)) {
    if (!isContactMergeField(name)) {
      ctx.addIssue({
        code: "custom",
        message: `Unknown merge field {{${name}}}; use one of ${CONTACT_MERGE_FIELDS.join(", ")}`,
      });
    }
  }
}

const utf8 = new TextEncoder();

export const stepKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, "Step key must be 1-64 letters, digits, '_' or '-'");

export const emailStepSchema = z.object({
  key: stepKeySchema,
  type: z.literal("email"),
  subject: z
    .string()
    .trim()
    .min(1, "Subject is required")
    .max(200, "Subject must be at most 200 characters")
    .superRefine(checkMergeFields),
  body: z
    .string()
    // Byte limit, not character limit: the outbox and SMTP care about encoded size.
    .refine((s) => utf8.encode(s).length <= MAX_EMAIL_BODY_BYTES, "Body must be at most 100 KB")
    .superRefine(checkMergeFields),
});

export const smsStepSchema = z.object({
  key: stepKeySchema,
  type: z.literal("sms"),
  body: z
    .string()
    .min(1, "SMS text is required")
    .max(1600, "SMS text must be at most 1600 characters")
    .superRefine(checkMergeFields),
});

export const waitStepSchema = z.object({
  key: stepKeySchema,
  type: z.literal("wait"),
  amount: z
    .number()
    .int("Wait must be a whole number")
    .min(1, "Wait must be at least 1")
    .max(365, "Wait must be at most 365"),
  unit: z.enum(WAIT_UNITS),
  businessDaysOnly: z.boolean().default(false),
});

export const taskStepSchema = z.object({
  key: stepKeySchema,
  type: z.literal("task"),
  title: z
    .string()
    .trim()
    .min(1, "Task title is required")
    .max(200, "Task title must be at most 200 characters"),
  note: z.string().max(5000, "Task note must be at most 5000 characters").default(""),
});

export const stepSchema = z.discriminatedUnion("type", [
  emailStepSchema,
  smsStepSchema,
  waitStepSchema,
  taskStepSchema,
]);

export type EmailStep = z.output<typeof emailStepSchema>;
export type SmsStep = z.output<typeof smsStepSchema>;
export type WaitStep = z.output<typeof waitStepSchema>;
export type TaskStep = z.output<typeof taskStepSchema>;
export type Step = z.output<typeof stepSchema>;
export type StepInput = z.input<typeof stepSchema>;

export const stepsSchema = z
  .array(stepSchema)
  .max(MAX_STEPS, `A sequence can have at most ${MAX_STEPS} steps`)
  .superRefine((steps, ctx) => {
    // Keys align diffs and migrations across versions, so a duplicate would make them ambiguous.
    const seen = new Set<string>();
    steps.forEach((step, index) => {
      if (seen.has(step.key)) {
        ctx.addIssue({
          code: "custom",
          path: [index, "key"],
          message: `Duplicate step key "${step.key}"`,
        });
      }
      seen.add(step.key);
    });
  });

export const sequenceSettingsSchema = z.object({
  exitOnReply: z.boolean().default(true),
  exitOnUnsubscribe: z.boolean().default(true),
});
export type SequenceSettings = z.output<typeof sequenceSettingsSchema>;

export const versionContentSchema = z.object({
  steps: stepsSchema,
  // prefault runs the inner defaults, so a draft saved before settings existed still parses.
  settings: sequenceSettingsSchema.prefault({}),
});
export type VersionContent = z.output<typeof versionContentSchema>;
export type VersionContentInput = z.input<typeof versionContentSchema>;
