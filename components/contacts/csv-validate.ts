import { CONTACT_LIMITS, IMPORT_BATCH_MAX, contactInputSchema, type ContactInput } from "@/lib/domain/contact-input";

// CSV checks run in the browser over every row before anything is sent. Each row goes through
// the server's own schema (lib/domain/contact-input.ts), so a row that passes here passes there;
// only file-level rules (size, row count, duplicates within the file) are added here.

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_ROWS = 100_000;
export const BATCH_SIZE = IMPORT_BATCH_MAX;
export const CONTACT_FIELDS = ["email", "first_name", "last_name", "phone", "time_zone"] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];
export type Mapping = Record<ContactField, string | null>;

export type ImportRow = ContactInput;
export type RowError = { line: number; message: string };
export type Validation = { valid: ImportRow[]; errors: RowError[]; invalidRows: number };

const COLUMN_OF_FIELD: Record<string, ContactField> = {
  email: "email",
  firstName: "first_name",
  lastName: "last_name",
  phone: "phone",
  timeZone: "time_zone",
};
const ALIASES: Record<ContactField, string[]> = {
  email: ["email", "e-mail", "email address", "mail"],
  first_name: ["first_name", "first name", "firstname", "given name", "first"],
  last_name: ["last_name", "last name", "lastname", "surname", "family name", "last"],
  phone: ["phone", "phone number", "mobile", "telephone", "tel"],
  time_zone: ["time_zone", "time zone", "timezone", "tz"],
};

/** Guesses which column feeds each field from the header names ("E-mail", "First Name", …). */
export function guessMapping(headers: readonly string[]): Mapping {
  const normal = (h: string) => h.trim().toLowerCase().replace(/[_-]+/g, " ").replace(/\s+/g, " ");
  const find = (field: ContactField) =>
    headers.find((h) => ALIASES[field].some((a) => normal(a) === normal(h))) ?? null;
  return {
    email: find("email"),
    first_name: find("first_name"),
    last_name: find("last_name"),
    phone: find("phone"),
    time_zone: find("time_zone"),
  };
}

/** Checks every row; `line` is the line in the file (the header is line 1). */
export function validateRows(
  rows: readonly Record<string, string | undefined>[],
  headers: readonly string[],
  mapping: Mapping,
  keepExtra: boolean,
): Validation {
  const mapped = new Set(Object.values(mapping).filter((v): v is string => v !== null));
  const extra = keepExtra
    ? headers.filter((h) => !mapped.has(h) && h.trim() !== "").slice(0, CONTACT_LIMITS.attributes)
    : [];
  const seen = new Map<string, number>();
  const valid: ImportRow[] = [];
  const errors: RowError[] = [];
  let invalidRows = 0;
  rows.forEach((row, index) => {
    const line = index + 2;
    const cell = (column: string | null) => (column ? (row[column] ?? "").trim() : "");
    const email = cell(mapping.email).toLowerCase();
    const attributes: Record<string, string> = {};
    for (const column of extra) {
      const value = cell(column);
      if (value !== "") attributes[column.trim().slice(0, CONTACT_LIMITS.attributeName)] = value;
    }
    const parsed = contactInputSchema.safeParse({
      email,
      firstName: cell(mapping.first_name),
      lastName: cell(mapping.last_name),
      phone: cell(mapping.phone),
      timeZone: cell(mapping.time_zone),
      attributes,
    });
    const problems: string[] = [];
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push(
          describeIssue(issue.path, issue.code === "too_big" ? Number(issue.maximum) : null, issue.message, email),
        );
    } else if (seen.has(parsed.data.email)) {
      problems.push(`${email} is a duplicate of line ${seen.get(email)}`);
    }
    if (!parsed.success || problems.length > 0) {
      invalidRows += 1;
      for (const message of new Set(problems)) errors.push({ line, message });
      return;
    }
    seen.set(parsed.data.email, line);
    valid.push(parsed.data);
  });
  return { valid, errors, invalidRows };
}

/** Names the CSV column, not the schema field, so the message matches what the operator sees. */
function describeIssue(path: readonly PropertyKey[], maximum: number | null, message: string, email: string): string {
  const [field, attribute] = path;
  if (field === "email") return email === "" ? "email is missing" : `“${email}” is not a valid email address`;
  const column =
    field === "attributes" && typeof attribute === "string"
      ? attribute
      : (COLUMN_OF_FIELD[String(field)] ?? String(field));
  return maximum !== null ? `${column} is longer than ${maximum} characters` : `${column}: ${message}`;
}

export function batches<T>(items: readonly T[], size = BATCH_SIZE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
