import { z } from "zod";
import { ORGANIZATION_LIMITS } from "./organization-limits";
import { timeZoneOrEmptySchema, timeZoneSchema } from "./contact-input";
import { REVIEW_POLICIES, REVIEW_THRESHOLD_MAX } from "./review-policy";

export { ORGANIZATION_LIMITS };

/** Empty = no cap; otherwise a positive whole number. Accepts the form's text or a number. */
const dailyCap = z.union([z.string().trim(), z.number(), z.null()]).transform((value, ctx) => {
  if (value === null || value === "") return null;
  const n = typeof value === "number" ? value : /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > ORGANIZATION_LIMITS.dailyCapMax) {
    ctx.addIssue({
      code: "custom",
      message: `Leave empty for no cap, or a whole number from 1 to ${ORGANIZATION_LIMITS.dailyCapMax.toLocaleString("en-US")}`,
    });
    return z.NEVER;
  }
  return n;
});

/** Contacts in flight above which a change needs a review (policy structural_or_over_n): a whole number, 0 or more. */
const reviewThreshold = z.union([z.string().trim(), z.number()]).transform((value, ctx) => {
  const n = typeof value === "number" ? value : /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < 0 || n > REVIEW_THRESHOLD_MAX) {
    ctx.addIssue({
      code: "custom",
      message: `A whole number from 0 to ${REVIEW_THRESHOLD_MAX.toLocaleString("en-US")}`,
    });
    return z.NEVER;
  }
  return n;
});

export const organizationSettingsSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Name is required")
    .max(ORGANIZATION_LIMITS.name, `At most ${ORGANIZATION_LIMITS.name} characters`),
  timeZone: timeZoneSchema,
  postalAddress: z
    .string()
    .overwrite((s) => s.replace(/\r\n?/g, "\n").trim())
    .max(ORGANIZATION_LIMITS.postalAddress, `At most ${ORGANIZATION_LIMITS.postalAddress} characters`)
    .refine(
      (s) => s.split("\n").length <= ORGANIZATION_LIMITS.postalAddressLines,
      `At most ${ORGANIZATION_LIMITS.postalAddressLines} lines`,
    ),
  dailyEmailCap: dailyCap,
  dailySmsCap: dailyCap,
  reviewPolicy: z.enum(REVIEW_POLICIES, "Choose when a publish needs a review"),
  reviewThreshold,
});
export type OrganizationSettingsInput = z.output<typeof organizationSettingsSchema>;

/** What one section of Settings > Organization saves: only the fields it shows. */
export const organizationSettingsPatchSchema = organizationSettingsSchema
  .partial()
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), "Nothing to save");
export type OrganizationSettingsPatch = z.output<typeof organizationSettingsPatchSchema>;

/** A user's display zone: "" or null = the organisation's (required: an empty call changes nothing). */
export const profileTimeZoneSchema = z.object({
  timeZone: timeZoneOrEmptySchema.nullable(),
});
