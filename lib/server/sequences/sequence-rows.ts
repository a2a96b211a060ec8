import "server-only";
import { draftContentSchema, type DraftContent } from "@/lib/domain/draft";
import type { SequenceStatus } from "@/lib/domain/sequence-status";
import { versionContentSchema, type VersionContent } from "@/lib/domain/steps";
import type { Tx } from "../db";
import { DomainError } from "../errors";

/** JSON columns -> domain types. Stored content was validated on the way in; parse again so a bad row fails loudly here. */
export function parseDraft(json: unknown): DraftContent {
  return draftContentSchema.parse(json);
}

export function parseVersionContent(json: unknown): VersionContent {
  return versionContentSchema.parse(json);
}

export type LockedSequence = {
  id: string;
  name: string;
  status: SequenceStatus;
  draft_revision: number;
  active_version_id: string | null;
  draft: unknown;
};

/** Row lock on the sequence: publishes and draft writes of one sequence happen one at a time. */
export async function lockSequence(tx: Tx, sequenceId: string): Promise<LockedSequence> {
  const rows = await tx.$queryRaw<LockedSequence[]>`
    SELECT id, name, status::text AS status, draft_revision, active_version_id, draft
    FROM sequences WHERE id = ${sequenceId}::uuid FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new DomainError("That sequence does not exist (it may have been removed).", "not_found");
  return row;
}
