import { z } from "zod";

export const STEP_TYPES = ["email", "sms", "wait", "task"] as const;
export type StepType = (typeof STEP_TYPES)[number];

export const CONTACT_MERGE_FIELDS = ["first_name", "last_name", "email", "phone"] as const;
export type ContactMergeField = (typeof CONTACT_MERGE_FIELDS)[number];

export const WAIT_UNITS = ["minutes", "hours", "days"] as const;

export const MAX_STEPS = 500;
const MAX_EMAIL_BODY_BYTES = 100 * 1024;

// Shared with render-template so validation and rendering agree on what a merge field is.
// The name part is deliberately loose ([^{}]*) so that "{{ first name }}" is reported as an
// unknown field instead of silently passing through as plain text.
export const MERGE_FIELD_PATTERN = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Merge field names in order of first appearance, without duplicates. */
export function mergeFieldsIn(text: string): string[] {
  const seen = new Set<string>();
  for (const match of text.matchAll(MERGE_FIELD_PATTERN)) {
    seen.add(match[1] ?? "");
  }
  return [...seen];
}

export function isContactMergeField(name: string): name is ContactMergeField {
  return (CONTACT_MERGE_FIELDS as readonly string[]).includes(name);
}

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

/** Injectable randomness keeps key generation deterministic in tests. */
export function newStepKey(random: () => string): string {
  const sanitized = random().replace(/[^A-Za-z0-9_-]/g, "").slice(0, 62);
  return `s_${sanitized}`;
}

type StepOfType<T extends StepType> = Extract<Step, { type: T }>;

const blankSteps: { [T in StepType]: (key: string) => StepOfType<T> } = {
  email: (key) => ({ key, type: "email", subject: "", body: "" }),
  sms: (key) => ({ key, type: "sms", body: "" }),
  wait: (key) => ({ key, type: "wait", amount: 1, unit: "days", businessDaysOnly: false }),
  task: (key) => ({ key, type: "task", title: "", note: "" }),
};

/** A placeholder the editor inserts; it may fail validation until the marketer fills it in. */
export function blankStep<T extends StepType>(type: T, key: string): StepOfType<T> {
  const make: (key: string) => StepOfType<T> = blankSteps[type];
  return make(key);
}
