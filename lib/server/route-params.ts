import "server-only";
import { notFound } from "next/navigation";
import { z } from "zod";

// Route segments come straight from the URL. Every page parses them here, so a malformed id or
// number is the same 404 page everywhere and never reaches a query (where it would be a 500).
const uuid = z.uuid();
const positiveInt = z.coerce.number().int().min(1).max(2_147_483_647);

/** An `[id]` segment: a uuid, or notFound(). */
export function uuidParam(value: string): string {
  if (!uuid.safeParse(value).success) notFound();
  return value;
}

/** A `[number]` segment (a version number): a positive 32-bit integer, or notFound(). */
export function positiveIntParam(value: string): number {
  const parsed = /^\d+$/.test(value) ? positiveInt.safeParse(value) : null;
  if (!parsed?.success) notFound();
  return parsed.data;
}
