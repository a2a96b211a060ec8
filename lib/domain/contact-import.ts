import { z } from "zod";
import { CONTACT_LIMITS, IMPORT_BATCH_MAX, contactInputSchema, type ContactInput } from "./contact-input";

// The CSV import's rules, shared by the browser (which checks every row before anything is sent
// and lists the errors) and the server (which checks every staged row again and is the one that
// decides). Client-importable: zod and our own domain only.

export const MAX_IMPORT_ROWS = 100_000;
export const IMPORT_MODES = ["all_or_nothing", "valid_rows"] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/** One CSV row as read, before validation: trimmed cells, `line` its line in the file (header = 1). */
export type RawImportRow = {
  line: number;
  email: string;
  firstName: string;
  lastName: string;
  phone: string;
  timeZone: string;
  attributes: Record<string, string>;
};

/** One problem of one row: what the error file lists (row number, column, value, message). */
export type ImportRowError = { line: number; column: string; value: string; message: string };

export type StagedRow = { line: number; contact: ContactInput };

/** Field -> the name the operator knows it by (the CSV column it was mapped from). */
export type ColumnNames = Partial<Record<"email" | "firstName" | "lastName" | "phone" | "timeZone", string>>;

const DEFAULT_COLUMNS = {
  email: "email",
  firstName: "first_name",
  lastName: "last_name",
  phone: "phone",
  timeZone: "time_zone",
} as const;

/** Long cells are cut in the error list (the file itself is not changed). */
const VALUE_SHOWN = 200;
const shown = (value: string) => (value.length > VALUE_SHOWN ? `${value.slice(0, VALUE_SHOWN)}…` : value);

/**
 * Checks one row with the server's own contact schema. Every problem of the row is reported
 * (one entry per column), so the error file is complete rather than first-error-only.
 */
export function validateImportRow(
  raw: RawImportRow,
  columns: ColumnNames = {},
): { ok: true; row: StagedRow } | { ok: false; errors: ImportRowError[] } {
  const parsed = contactInputSchema.safeParse({
    email: raw.email.trim().toLowerCase(),
    firstName: raw.firstName,
    lastName: raw.lastName,
    phone: raw.phone,
    timeZone: raw.timeZone,
    attributes: raw.attributes,
  });
  if (parsed.success) return { ok: true, row: { line: raw.line, contact: parsed.data } };
  const errors = new Map<string, ImportRowError>();
  for (const issue of parsed.error.issues) {
    const [field, attribute] = issue.path;
    let column: string;
    let value: string;
    let message: string;
    if (field === "attributes" && typeof attribute === "string") {
      column = attribute;
      value = raw.attributes[attribute] ?? "";
    } else if (field === "attributes") {
      column = "(extra columns)";
      value = `${Object.keys(raw.attributes).length} columns`;
    } else {
      const key = String(field) as keyof typeof DEFAULT_COLUMNS;
      column = columns[key] ?? DEFAULT_COLUMNS[key] ?? String(field);
      value = typeof raw[key] === "string" ? raw[key] : "";
    }
    if (field === "email") message = value.trim() === "" ? "email is missing" : "not a valid email address";
    else if (issue.code === "too_big") message = `longer than ${Number(issue.maximum)} characters`;
    else message = issue.message;
    if (!errors.has(column)) errors.set(column, { line: raw.line, column, value: shown(value), message });
  }
  return { ok: false, errors: [...errors.values()] };
}

export type ImportCheck = { valid: StagedRow[]; errors: ImportRowError[]; invalidRows: number };

/** Checks every row; a repeated email is an error of the later row (the first one counts). */
export function validateImportRows(rows: readonly RawImportRow[], columns: ColumnNames = {}): ImportCheck {
  const firstLine = new Map<string, number>();
  const valid: StagedRow[] = [];
  const errors: ImportRowError[] = [];
  let invalidRows = 0;
  for (const raw of rows) {
    const result = validateImportRow(raw, columns);
    if (!result.ok) {
      invalidRows += 1;
      errors.push(...result.errors);
      continue;
    }
    const email = result.row.contact.email;
    const first = firstLine.get(email);
    if (first !== undefined) {
      invalidRows += 1;
      errors.push({
        line: raw.line,
        column: columns.email ?? "email",
        value: shown(email),
        message: `duplicate of line ${first}`,
      });
      continue;
    }
    firstLine.set(email, raw.line);
    valid.push(result.row);
  }
  return { valid, errors, invalidRows };
}

// What the server accepts per staging call. Cells may be longer than a contact field allows (the
// row is then reported, not refused), but never unbounded: the action body is at most 1 MB anyway.
const CELL_MAX = 10_000;
const cell = z.string().max(CELL_MAX);
export const rawImportRowSchema = z.object({
  line: z
    .number()
    .int()
    .min(2)
    .max(MAX_IMPORT_ROWS + 1),
  email: cell,
  firstName: cell.default(""),
  lastName: cell.default(""),
  phone: cell.default(""),
  timeZone: cell.default(""),
  attributes: z.record(z.string().max(CONTACT_LIMITS.attributeName), cell).default({}),
});

export const startImportSchema = z.object({
  fileName: z.string().trim().min(1).max(255),
  mode: z.enum(IMPORT_MODES),
  totalRows: z.number().int().min(1).max(MAX_IMPORT_ROWS),
});

export const stageImportSchema = z.object({
  importId: z.uuid(),
  rows: z.array(rawImportRowSchema).min(1, "Nothing to import").max(IMPORT_BATCH_MAX),
});

export const importIdSchema = z.object({ importId: z.uuid() });

export type ImportOutcome =
  | { status: "committed"; mode: ImportMode; created: number; updated: number; skipped: number }
  | { status: "refused"; mode: ImportMode; invalidRows: number; duplicateRows: number };
