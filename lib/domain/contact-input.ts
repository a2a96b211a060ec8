import { z } from "zod";
import { canonicalTimeZone } from "./format-date";

// Client-importable on purpose: the CSV import checks every row in the browser with these very
// schemas, so its limits cannot drift from what the server accepts per batch.
export const IMPORT_BATCH_MAX = 1_000;
export const CONTACT_LIMITS = {
  email: 320,
  firstName: 100,
  lastName: 100,
  phone: 40,
  attributeName: 100,
  attributeValue: 2_000,
  attributes: 50,
  timeZone: 64,
} as const;

export const TIME_ZONE_MESSAGE = "Not a known IANA time zone (e.g. Europe/Berlin, America/New_York)";

const zoneText = z.string().trim().max(CONTACT_LIMITS.timeZone, TIME_ZONE_MESSAGE);
function toZone(zone: string, ctx: z.RefinementCtx<string>): string {
  const canonical = canonicalTimeZone(zone);
  if (canonical === null) {
    ctx.addIssue({ code: "custom", message: TIME_ZONE_MESSAGE });
    return z.NEVER;
  }
  return canonical;
}

/** An IANA zone, stored in the zone list's own spelling ("america/new_york" -> "America/New_York"). */
export const timeZoneSchema = zoneText.transform(toZone);

/** A zone or "" (= none of its own: the organisation's). */
export const timeZoneOrEmptySchema = zoneText.transform((zone, ctx) => (zone === "" ? null : toZone(zone, ctx)));

/** A contact's own zone: empty, null or absent = the organisation's. */
export const optionalTimeZoneSchema = timeZoneOrEmptySchema
  .nullable()
  .default(null)
  .meta({ description: "IANA time zone (e.g. Europe/Berlin); null = the organisation's" });

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters`)
    .transform((s) => (s === "" ? null : s))
    .nullable()
    .default(null);

// Attribute values stay strings: they come from CSV cells and feed merge fields, nothing typed.
export const attributesSchema = z
  .record(
    z.string().trim().min(1).max(CONTACT_LIMITS.attributeName),
    z.string().max(CONTACT_LIMITS.attributeValue, `At most ${CONTACT_LIMITS.attributeValue} characters`),
  )
  .refine((a) => Object.keys(a).length <= CONTACT_LIMITS.attributes, `At most ${CONTACT_LIMITS.attributes} attributes`);

export const contactInputSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email("Not a valid email address").max(CONTACT_LIMITS.email, "Email is too long")),
  firstName: optionalText(CONTACT_LIMITS.firstName),
  lastName: optionalText(CONTACT_LIMITS.lastName),
  phone: optionalText(CONTACT_LIMITS.phone),
  timeZone: optionalTimeZoneSchema,
  attributes: attributesSchema.default({}),
});
export type ContactInput = z.output<typeof contactInputSchema>;

// The edit form has no attribute editor: leaving attributes out keeps the imported ones.
export const contactUpdateSchema = contactInputSchema.extend({ attributes: attributesSchema.optional() });
export type ContactUpdate = z.output<typeof contactUpdateSchema>;

export const importBatchSchema = z.object({
  rows: z
    .array(contactInputSchema)
    .min(1, "Nothing to import")
    .max(IMPORT_BATCH_MAX, `At most ${IMPORT_BATCH_MAX} rows per batch`),
});
