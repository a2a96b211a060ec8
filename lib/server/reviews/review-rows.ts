import "server-only";
import { contentHash } from "@/lib/domain/canonical-hash";
import { REVIEW_STATUS_LABELS } from "@/lib/domain/review-policy";
import { validateDraft } from "@/lib/domain/validate-draft";
import type { VersionContent } from "@/lib/domain/steps";
import type { Tx } from "../db";
import { DomainError } from "../errors";

export function reviewLink(sequenceId: string, reviewId: string): string {
  return `/sequences/${sequenceId}/reviews/${reviewId}`;
}

/** The saved draft's identity: its revision and, when it validates, the hash its version would get. */
export function draftIdentity(row: { draft: unknown; draft_revision: number }): {
  revision: number;
  contentHash: string | null;
  content: VersionContent | null;
} {
  const validation = validateDraft(row.draft);
  return validation.ok
    ? { revision: row.draft_revision, contentHash: contentHash(validation.content), content: validation.content }
    : { revision: row.draft_revision, contentHash: null, content: null };
}

export type LockedReview = {
  id: string;
  sequence_id: string;
  status: keyof typeof REVIEW_STATUS_LABELS;
  requested_by_id: string;
  draft_revision: number;
  content_hash: string;
};

/** Row lock on one review, so two reviewers deciding at once are serialised (the second sees the first's decision). */
export async function lockReview(tx: Tx, reviewId: string): Promise<LockedReview> {
  const rows = await tx.$queryRaw<LockedReview[]>`
    SELECT id, sequence_id, status::text AS status, requested_by_id, draft_revision, content_hash
    FROM publish_reviews WHERE id = ${reviewId}::uuid FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new DomainError("That review does not exist.", "not_found");
  return row;
}
