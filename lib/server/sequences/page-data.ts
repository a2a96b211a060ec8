import "server-only";
import { z } from "zod";
import { DomainError } from "../errors";
import { getSequenceForEditor, getVersion } from "./read-sequences";

// Route params come straight from the URL: a malformed id or number is "not found", not a crash.
const uuid = z.uuid();

async function orNull<T>(load: () => Promise<T>): Promise<T | null> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof DomainError && error.code === "not_found") return null;
    throw error;
  }
}

export async function findSequenceForEditor(id: string) {
  if (!uuid.safeParse(id).success) return null;
  return orNull(() => getSequenceForEditor(id));
}

export async function findVersion(sequenceId: string, number: string) {
  const n = Number(number);
  if (!uuid.safeParse(sequenceId).success || !Number.isInteger(n) || n < 1) return null;
  return orNull(() => getVersion(sequenceId, n));
}
