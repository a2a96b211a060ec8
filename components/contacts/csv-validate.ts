import { CONTACT_LIMITS, IMPORT_BATCH_MAX, type ContactInput } from "@/lib/domain/contact-input";
import {
  MAX_IMPORT_ROWS,
  validateImportRows,
  type ImportRowError,
  type RawImportRow,
} from "@/lib/domain/contact-import";
import { ACTION_BODY_LIMIT_BYTES, payloadBytes } from "@/lib/domain/input-limits";

// CSV checks run in the browser over every row before anything is sent. Each row goes through
// the rules the server applies again when the rows are staged (lib/domain/contact-import.ts), so
// a row that passes here passes there; only file-level rules (size, row count) are added here.

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_ROWS = MAX_IMPORT_ROWS;
export const BATCH_SIZE = IMPORT_BATCH_MAX;
/** A staging call's rows stay well under the 1 MB action body (JSON adds the wrapper and escapes). */
const BATCH_BYTES = Math.floor(ACTION_BODY_LIMIT_BYTES * 0.75);
export const CONTACT_FIELDS = ["email", "first_name", "last_name", "phone", "time_zone"] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];
export type Mapping = Record<ContactField, string | null>;

/** `raw` is every row as read (what is uploaded), `valid` the contacts that passed. */
export type Validation = { raw: RawImportRow[]; valid: ContactInput[]; errors: ImportRowError[]; invalidRows: number };

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

/** Reads every row through the mapping (trimmed cells; extra columns as attributes), then checks it. */
export function validateRows(
  rows: readonly Record<string, string | undefined>[],
  headers: readonly string[],
  mapping: Mapping,
  keepExtra: boolean,
): Validation {
  const raw = toRawRows(rows, headers, mapping, keepExtra);
  const columns = {
    email: mapping.email ?? undefined,
    firstName: mapping.first_name ?? undefined,
    lastName: mapping.last_name ?? undefined,
    phone: mapping.phone ?? undefined,
    timeZone: mapping.time_zone ?? undefined,
  };
  const check = validateImportRows(raw, columns);
  return { raw, valid: check.valid.map((r) => r.contact), errors: check.errors, invalidRows: check.invalidRows };
}

export function toRawRows(
  rows: readonly Record<string, string | undefined>[],
  headers: readonly string[],
  mapping: Mapping,
  keepExtra: boolean,
): RawImportRow[] {
  const mapped = new Set(Object.values(mapping).filter((v): v is string => v !== null));
  const extra = keepExtra
    ? headers.filter((h) => !mapped.has(h) && h.trim() !== "").slice(0, CONTACT_LIMITS.attributes)
    : [];
  return rows.map((row, index) => {
    const cell = (column: string | null) => (column ? (row[column] ?? "").trim() : "");
    const attributes: Record<string, string> = {};
    for (const column of extra) {
      const value = cell(column);
      if (value !== "") attributes[column.trim().slice(0, CONTACT_LIMITS.attributeName)] = value;
    }
    return {
      line: index + 2,
      email: cell(mapping.email),
      firstName: cell(mapping.first_name),
      lastName: cell(mapping.last_name),
      phone: cell(mapping.phone),
      timeZone: cell(mapping.time_zone),
      attributes,
    };
  });
}

/** Rows a staging call may carry: at most BATCH_SIZE, and under the action body limit. */
export function batches<T>(items: readonly T[], size = BATCH_SIZE, maxBytes = BATCH_BYTES): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const itemBytes = payloadBytes(item) + 1;
    if (current.length > 0 && (current.length >= size || bytes + itemBytes > maxBytes)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += itemBytes;
  }
  if (current.length > 0) out.push(current);
  return out;
}
