import { z } from "zod";

// Pure CSV checks, run in the browser over every row before anything is sent. The server
// validates each batch again with its own schema (lib/server/contacts/contact-input.ts).

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_ROWS = 100_000;
export const BATCH_SIZE = 1_000;
export const CONTACT_FIELDS = ["email", "first_name", "last_name", "phone"] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];
export type Mapping = Record<ContactField, string | null>;

export type ImportRow = { email: string; firstName: string | null; lastName: string | null; phone: string | null; attributes: Record<string, string> };
export type RowError = { line: number; message: string };
export type Validation = { valid: ImportRow[]; errors: RowError[]; invalidRows: number };

const emailSchema = z.email();
const LIMITS = { first_name: 100, last_name: 100, phone: 40 } as const;
const ALIASES: Record<ContactField, string[]> = {
  email: ["email", "e-mail", "email address", "mail"],
  first_name: ["first_name", "first name", "firstname", "given name", "first"],
  last_name: ["last_name", "last name", "lastname", "surname", "family name", "last"],
  phone: ["phone", "phone number", "mobile", "telephone", "tel"],
};

/** Guesses which column feeds each field from the header names ("E-mail", "First Name", …). */
export function guessMapping(headers: readonly string[]): Mapping {
  const normal = (h: string) => h.trim().toLowerCase().replace(/[_-]+/g, " ").replace(/\s+/g, " ");
  const find = (field: ContactField) => headers.find((h) => ALIASES[field].some((a) => normal(a) === normal(h))) ?? null;
  return { email: find("email"), first_name: find("first_name"), last_name: find("last_name"), phone: find("phone") };
}

/** Checks every row; `line` is the line in the file (the header is line 1). */
export function validateRows(rows: readonly Record<string, string | undefined>[], headers: readonly string[], mapping: Mapping, keepExtra: boolean): Validation {
  const mapped = new Set(Object.values(mapping).filter((v): v is string => v !== null));
  const extra = keepExtra ? headers.filter((h) => !mapped.has(h) && h.trim() !== "").slice(0, 50) : [];
  const seen = new Map<string, number>();
  const valid: ImportRow[] = [];
  const errors: RowError[] = [];
  let invalidRows = 0;
  rows.forEach((row, index) => {
    const line = index + 2;
    const cell = (column: string | null) => (column ? (row[column] ?? "").trim() : "");
    const problems: string[] = [];
    const email = cell(mapping.email).toLowerCase();
    if (!email) problems.push("email is missing");
    else if (email.length > 320 || !emailSchema.safeParse(email).success) problems.push(`“${email}” is not a valid email address`);
    else if (seen.has(email)) problems.push(`${email} is a duplicate of line ${seen.get(email)}`);
    for (const field of ["first_name", "last_name", "phone"] as const) {
      if (cell(mapping[field]).length > LIMITS[field]) problems.push(`${field} is longer than ${LIMITS[field]} characters`);
    }
    const attributes: Record<string, string> = {};
    for (const column of extra) {
      const value = cell(column);
      if (value === "") continue;
      if (value.length > 2000) problems.push(`${column} is longer than 2000 characters`);
      attributes[column.trim().slice(0, 100)] = value;
    }
    if (problems.length > 0) {
      invalidRows += 1;
      for (const message of problems) errors.push({ line, message });
      return;
    }
    seen.set(email, line);
    const orNull = (s: string) => (s === "" ? null : s);
    valid.push({ email, firstName: orNull(cell(mapping.first_name)), lastName: orNull(cell(mapping.last_name)), phone: orNull(cell(mapping.phone)), attributes });
  });
  return { valid, errors, invalidRows };
}

export function batches<T>(items: readonly T[], size = BATCH_SIZE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
