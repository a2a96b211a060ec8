import "server-only";
import { effectiveReviewStatus } from "@/lib/domain/review-policy";
import type { ReviewGateView } from "@/lib/views/reviews";
import { db } from "../db";
import { DomainError } from "../errors";
import { changeBetween } from "../sequences/apply-content-fix";
import { parseVersionContent } from "../sequences/sequence-rows";
import { evaluateReviewGate } from "./review-gate";
import { draftIdentity } from "./review-rows";

/** For the publish dialog and the sequence page: does the saved draft need a review, and has it one? */
export async function findReviewGate(sequenceId: string): Promise<ReviewGateView> {
  return db().$transaction(async (tx) => {
    const sequence = await tx.sequence.findUnique({
      where: { id: sequenceId },
      select: { draft: true, draftRevision: true, activeVersion: { select: { content: true, contentHash: true } } },
    });
    if (!sequence) throw new DomainError("That sequence does not exist (it may have been removed).", "not_found");
    const draft = draftIdentity({ draft: sequence.draft, draft_revision: sequence.draftRevision });
    // A draft identical to the active version has nothing to publish, so nothing to review.
    const gate =
      draft.contentHash && draft.content && draft.contentHash !== sequence.activeVersion?.contentHash
        ? await evaluateReviewGate(tx, {
            sequenceId,
            revision: draft.revision,
            contentHash: draft.contentHash,
            change: sequence.activeVersion
              ? changeBetween(parseVersionContent(sequence.activeVersion.content), draft.content)
              : null,
          })
        : null;
    const latest = await tx.publishReview.findFirst({
      where: { sequenceId },
      orderBy: { createdAt: "desc" },
      select: {
        id: true,
        status: true,
        note: true,
        draftRevision: true,
        contentHash: true,
        requestedById: true,
        requestedBy: { select: { name: true } },
        decidedBy: { select: { name: true } },
        decidedAt: true,
        createdAt: true,
      },
    });
    const approval = gate?.approvalId
      ? await tx.publishReview.findUnique({
          where: { id: gate.approvalId },
          select: { id: true, decidedBy: { select: { name: true } } },
        })
      : null;
    const settings = await tx.organizationSettings.findUnique({ where: { id: true }, select: { reviewPolicy: true } });
    return {
      revision: draft.revision,
      policy: gate?.policy ?? settings?.reviewPolicy ?? "off",
      required: gate?.requirement.required ?? false,
      reason: gate?.requirement.required ? gate.requirement.reason : null,
      approval: approval ? { reviewId: approval.id, decidedBy: approval.decidedBy?.name ?? null } : null,
      latest: latest
        ? {
            id: latest.id,
            status: effectiveReviewStatus(latest, draft),
            note: latest.note,
            requestedById: latest.requestedById,
            requestedBy: latest.requestedBy.name,
            decidedBy: latest.decidedBy?.name ?? null,
            decidedAt: latest.decidedAt,
            createdAt: latest.createdAt,
          }
        : null,
    };
  });
}
