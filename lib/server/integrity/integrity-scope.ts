import "server-only";

/** Every sequence (the audit page), or only these (tests that share a database with others). */
export type IntegrityScope = { sequenceIds: string[] } | null;

/** Rows read per query: the check streams in keyset order and never holds a whole table. */
export const INTEGRITY_BATCH = 1_000;
