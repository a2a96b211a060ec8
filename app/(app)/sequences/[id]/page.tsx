import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { draftComparisonText } from "@/components/sequences/draft-comparison";
import { ReviewStateBanner } from "@/components/reviews/review-state-banner";
import { ReadOnlyDraft } from "@/components/sequences/read-only-draft";
import { SequenceEditor } from "@/components/sequences/sequence-editor";
import { roleAtLeast } from "@/lib/domain/roles";
import { findReviewGate } from "@/lib/server/reviews/find-review-gate";
import { uuidParam } from "@/lib/server/route-params";
import { listScheduledPublishes } from "@/lib/server/scheduled-publish/list-scheduled-publishes";
import { findSequenceForEditor } from "@/lib/server/sequences/find-sequence-for-editor";
import { currentUser } from "@/lib/server/session";

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const sequence = await findSequenceForEditor(uuidParam((await params).id));
  return { title: sequence ? sequence.name : "Sequence not found" };
}

export default async function SequenceEditorPage({ params }: Params) {
  const id = uuidParam((await params).id);
  const [user, sequence, schedules] = await Promise.all([
    currentUser(),
    findSequenceForEditor(id),
    listScheduledPublishes(id),
  ]);
  if (!sequence || !user) notFound();
  const banner = <ReviewStateBanner sequenceId={id} gate={await findReviewGate(id)} />;

  const canEdit = roleAtLeast(user.role, "editor");
  if (!canEdit || sequence.status === "archived") {
    const reason =
      sequence.status === "archived"
        ? "This sequence is archived: its draft is read-only and no one new can be enrolled. Contacts in flight continue on their versions."
        : "You have view access: you can read the draft, its versions and their differences, but not change or publish them.";
    return (
      <>
        {banner}
        <ReadOnlyDraft
          sequence={sequence}
          comparisonText={draftComparisonText(sequence.draft, sequence.activeVersion)}
          reason={reason}
        />
      </>
    );
  }
  return (
    <>
      {banner}
      <SequenceEditor sequence={sequence} userEmail={user.email} schedules={schedules} />
    </>
  );
}
