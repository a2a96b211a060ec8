import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ReviewDetailView } from "@/components/reviews/review-detail";
import { BackLink } from "@/components/sequences/back-link";
import { PageHeader } from "@/components/ui/page-header";
import { findReview } from "@/lib/server/reviews/find-review";
import { uuidParam } from "@/lib/server/route-params";
import { currentUser } from "@/lib/server/session";

type Params = { params: Promise<{ id: string; reviewId: string }> };

export const metadata: Metadata = { title: "Review" };

// Everyone signed in may read a review; only editors and admins other than the author decide (the actions check again).
export default async function ReviewPage({ params }: Params) {
  const raw = await params;
  const sequenceId = uuidParam(raw.id);
  const reviewId = uuidParam(raw.reviewId);
  const [user, review] = await Promise.all([currentUser(), findReview(sequenceId, reviewId)]);
  if (!user || !review) notFound();
  return (
    <>
      <BackLink href={`/sequences/${sequenceId}`}>{review.sequenceName}</BackLink>
      <PageHeader
        title={`Review of "${review.sequenceName}"`}
        description="Someone other than the author approves exactly this draft before it is published."
      />
      <ReviewDetailView review={review} me={{ id: user.id, role: user.role }} />
    </>
  );
}
