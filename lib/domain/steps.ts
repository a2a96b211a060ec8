import { z } from "zod";
import {
  MAX_EMAIL_BODY_BYTES,
  MAX_STEPS,
  MERGE_FIELD_PATTERN,
  MISSING_CHANNEL_ACTIONS,
  SEND_LIMITS,
  STEP_LIMITS,
  WAIT_UNITS,
  parseMergeTag,
} from "./step-kinds";

export {
  CONTACT_MERGE_FIELDS,
  MAX_STEPS,
  MISSING_CHANNEL_ACTIONS,
  SEND_LIMITS,
  WEEKDAYS,
  type MissingChannelAction,
  MERGE_FIELD_PATTERN,
  STEP_LIMITS,
  STEP_TYPES,
  WAIT_UNITS,
  blankStep,
  isContactMergeField,
  mergeFieldsIn,
  newStepKey,
  parseMergeTag,
  type ContactMergeField,
  type StepType,
} from "./step-kinds";

// Publishing checks that every merge tag is well formed ("{{ first name }}" is not); whether
// the field exists is a guardrail (lib/domain/lint), which knows the contacts' custom attributes.
function checkMergeFields(text: string, ctx: z.RefinementCtx): void {
  for (const match of text.matchAll(MERGE_FIELD_PATTERN)) {
    const inside = match[1] ?? "";
    if (!parseMergeTag(inside)) {
      ctx.addIssue({
        code: "custom",
        message: `Malformed merge field {{${inside}}}; write a field name such as {{first_name}} or {{company | "your team"}}`,
      });
    }
  }
}

const utf8 = new TextEncoder();

export const stepKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, "Step key must be 1-64 letters, digits, '_' or '-'");

// Every step field is declared once, here, with its limit and message. Two modes share it:
// "draft" keeps only the bounds (work in progress may be blank or name an unknown merge field,
// but a save can never store oversize or malformed data); "publish" adds what a contact may be
// sent: required text, trimmed where it is a title, known merge fields, body size in bytes.
export type StepSchemaMode = "draft" | "publish";

export function stepObjectSchemas(mode: StepSchemaMode) {
  const publish = mode === "publish";
  const required = (schema: z.ZodString, message: string, trim: boolean) =>
    !publish ? schema : trim ? schema.trim().min(1, message) : schema.min(1, message);
  const mergeFieldsKnown = (schema: z.ZodString) => (publish ? schema.superRefine(checkMergeFields) : schema);
  const tooLong = (what: string, max: number) => `${what} must be at most ${max} characters`;

  return {
    email: z.object({
      key: stepKeySchema,
      type: z.literal("email"),
      subject: mergeFieldsKnown(
        required(z.string(), "Subject is required", true).max(
          STEP_LIMITS.subject,
          tooLong("Subject", STEP_LIMITS.subject),
        ),
      ),
      // Publishing counts bytes (the outbox and SMTP care about encoded size); a draft counts
      // characters, the rule drafts were always stored under, so every stored draft still loads.
      body: mergeFieldsKnown(
        publish
          ? z.string().refine((text) => utf8.encode(text).length <= MAX_EMAIL_BODY_BYTES, "Body must be at most 100 KB")
          : z.string().max(MAX_EMAIL_BODY_BYTES, "Body must be at most 100 KB"),
      ),
      // Optional with no default: versions stored before it existed keep their content hash.
      ifMissingChannel: z.enum(MISSING_CHANNEL_ACTIONS).optional(),
    }),
    sms: z.object({
      key: stepKeySchema,
      type: z.literal("sms"),
      body: mergeFieldsKnown(
        required(z.string(), "SMS text is required", false).max(
          STEP_LIMITS.smsBody,
          `SMS text must be at most ${STEP_LIMITS.smsBody} characters`,
        ),
      ),
      ifMissingChannel: z.enum(MISSING_CHANNEL_ACTIONS).optional(),
    }),
    wait: z.object({
      key: stepKeySchema,
      type: z.literal("wait"),
      // A draft may hold 0 while the marketer is typing; a published wait always waits.
      amount: z
        .number()
        .int("Wait must be a whole number")
        .min(publish ? 1 : 0, `Wait must be at least ${publish ? 1 : 0}`)
        .max(STEP_LIMITS.waitAmount, `Wait must be at most ${STEP_LIMITS.waitAmount}`),
      unit: z.enum(WAIT_UNITS),
      businessDaysOnly: z.boolean().default(false),
    }),
    task: z.object({
      key: stepKeySchema,
      type: z.literal("task"),
      title: required(z.string(), "Task title is required", true).max(
        STEP_LIMITS.taskTitle,
        tooLong("Task title", STEP_LIMITS.taskTitle),
      ),
      note: z.string().max(STEP_LIMITS.taskNote, tooLong("Task note", STEP_LIMITS.taskNote)).default(""),
    }),
  };
}

const publishedSteps = stepObjectSchemas("publish");
export const emailStepSchema = publishedSteps.email;
export const smsStepSchema = publishedSteps.sms;
export const waitStepSchema = publishedSteps.wait;
export const taskStepSchema = publishedSteps.task;

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

const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use a 24-hour time such as 09:00");

/** Allowed weekdays (ISO, 1 = Monday) and local hours [start, end) in the contact's time zone. */
export const sendWindowSchema = z
  .object({
    weekdays: z
      .array(z.number().int().min(1).max(7))
      .min(1, "Pick at least one weekday")
      .max(7)
      .refine((days) => new Set(days).size === days.length, "Each weekday at most once"),
    start: localTime,
    // "24:00" closes the window at the end of the day, so a window can cover whole days.
    end: z.union([localTime, z.literal("24:00")]),
  })
  .refine((w) => w.start < w.end, { message: "The window must end after it starts", path: ["end"] });

function isRealDate(text: string): boolean {
  const at = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === text;
}

export const holidaysSchema = z
  .array(
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "Holidays are dates such as 2026-12-25")
      .refine(isRealDate, "Not a calendar date"),
  )
  .max(SEND_LIMITS.holidays, `At most ${SEND_LIMITS.holidays} holidays`)
  .refine((days) => new Set(days).size === days.length, "Each holiday at most once");

const capSchema = z
  .number()
  .int("A daily limit must be a whole number")
  .min(1, "A daily limit must be at least 1")
  .max(SEND_LIMITS.dailyCap, `A daily limit must be at most ${SEND_LIMITS.dailyCap.toLocaleString("en-US")}`);

export const dailyCapSchema = z.object({ email: capSchema.optional(), sms: capSchema.optional() });

// The send settings are optional with no defaults: a version stored before they existed parses
// to the very same object, so its canonical JSON and content hash do not change. Missing means
// "no window", "no holidays", "no per-sequence cap".
export const sequenceSettingsSchema = z.object({
  exitOnReply: z.boolean().default(true),
  exitOnUnsubscribe: z.boolean().default(true),
  // Open and click tracking for email (issue 14). Optional without a default on purpose: a version
  // stored before the setting existed keeps its content (and content hash); absent means on.
  trackEngagement: z.boolean().optional(),
  sendWindow: sendWindowSchema.optional(),
  holidays: holidaysSchema.optional(),
  dailyCap: dailyCapSchema.optional(),
});
export type SendWindowSettings = z.output<typeof sendWindowSchema>;
export type DailyCap = z.output<typeof dailyCapSchema>;
export type SequenceSettings = z.output<typeof sequenceSettingsSchema>;

/** Whether a version's emails get tracked links and an open pixel (absent: on). */
export function tracksEngagement(settings: { trackEngagement?: boolean }): boolean {
  return settings.trackEngagement ?? true;
}

export const versionContentSchema = z.object({
  steps: stepsSchema,
  // prefault runs the inner defaults, so a draft saved before settings existed still parses.
  settings: sequenceSettingsSchema.prefault({}),
});
export type VersionContent = z.output<typeof versionContentSchema>;
export type VersionContentInput = z.input<typeof versionContentSchema>;
