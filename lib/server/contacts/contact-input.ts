import "server-only";
import { z } from "zod";

/** Limits shared by the CSV importer's client checks and the server's per-batch checks. */
export const IMPORT_BATCH_MAX = 1_000;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters`)
    .transform((s) => (s === "" ? null : s))
    .nullable()
    .default(null);

// Attribute values stay strings: they come from CSV cells and feed merge fields, nothing typed.
export const attributesSchema = z.record(z.string().trim().min(1).max(100), z.string().max(2_000)).refine((a) => Object.keys(a).length <= 50, "At most 50 attributes");

export const contactInputSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Not a valid email address").max(320, "Email is too long")),
  firstName: optionalText(100),
  lastName: optionalText(100),
  phone: optionalText(40),
  attributes: attributesSchema.default({}),
});
export type ContactInput = z.output<typeof contactInputSchema>;

// The edit form has no attribute editor: leaving attributes out keeps the imported ones.
export const contactUpdateSchema = contactInputSchema.extend({ attributes: attributesSchema.optional() });
export type ContactUpdate = z.output<typeof contactUpdateSchema>;

export const importBatchSchema = z.object({
  rows: z.array(contactInputSchema).min(1, "Nothing to import").max(IMPORT_BATCH_MAX, `At most ${IMPORT_BATCH_MAX} rows per batch`),
});
