import "server-only";
import type { ChangeClass } from "@/lib/domain/change-class";
import { IN_FLIGHT_STATUSES } from "@/lib/domain/enrollment-status";
import { reviewRequirement, type ReviewPolicy, type ReviewRequirement } from "@/lib/domain/review-policy";
import type { Tx } from "../db";

export type ReviewGate = {
  policy: ReviewPolicy;
  requirement: ReviewRequirement;
  /** The approved review for exactly this draft revision and content hash, if any. */
  approvalId: string | null;
};

/**
 * Reads the organisation's review policy, the contacts in flight and the approval matching this
 * draft (revision and hash). Shared by the publish (under the sequence lock) and the dialog.
 */
export async function evaluateReviewGate(
  tx: Tx,
  input: { sequenceId: string; revision: number; contentHash: string; change: ChangeClass | null },
): Promise<ReviewGate> {
  const settings = await tx.organizationSettings.findUnique({
    where: { id: true },
    select: { reviewPolicy: true, reviewThreshold: true },
  });
  const policy: ReviewPolicy = settings?.reviewPolicy ?? "off";
  if (policy === "off") return { policy, requirement: { required: false }, approvalId: null };
  const inFlight =
    policy === "structural_or_over_n"
      ? Number(
          (
            await tx.$queryRaw<{ n: bigint }[]>`
              SELECT count(*) AS n FROM enrollments
              WHERE sequence_id = ${input.sequenceId}::uuid
                AND status = ANY(${[...IN_FLIGHT_STATUSES]}::"EnrollmentStatus"[])`
          )[0]?.n ?? 0,
        )
      : 0;
  const requirement = reviewRequirement({
    policy,
    threshold: settings?.reviewThreshold ?? 0,
    change: input.change,
    inFlight,
  });
  const approval = await tx.publishReview.findFirst({
    where: {
      sequenceId: input.sequenceId,
      status: "approved",
      draftRevision: input.revision,
      contentHash: input.contentHash,
    },
    select: { id: true },
    orderBy: { createdAt: "desc" },
  });
  return { policy, requirement, approvalId: approval?.id ?? null };
}
