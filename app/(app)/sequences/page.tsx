import type { Metadata } from "next";
import Link from "next/link";
import { NewSequenceButton } from "@/components/sequences/new-sequence-button";
import { SequenceTable } from "@/components/sequences/sequence-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { roleAtLeast } from "@/lib/domain/roles";
import { listSequences } from "@/lib/server/sequences/list-sequences";
import { currentUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "Sequences" };

export default async function SequencesPage({ searchParams }: { searchParams: Promise<{ archived?: string }> }) {
  const { archived } = await searchParams;
  const includeArchived = archived === "1";
  const [user, rows] = await Promise.all([currentUser(), listSequences({ includeArchived })]);
  const canEdit = user ? roleAtLeast(user.role, "editor") : false;
  return (
    <>
      <PageHeader
        title="Sequences"
        description="Draft outreach steps, publish immutable versions, and see who is on which version."
        actions={
          <>
            <Link
              href={includeArchived ? "/sequences" : "/sequences?archived=1"}
              className="rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100"
            >
              {includeArchived ? "Hide archived" : "Show archived"}
            </Link>
            {canEdit ? <NewSequenceButton /> : null}
          </>
        }
      />
      {rows.length === 0 ? (
        <EmptyState title="No sequences yet">
          {canEdit
            ? "Create a sequence, add its steps, and publish a first version to start enrolling contacts."
            : "Sequences your team creates will appear here with their active version and enrollments."}
        </EmptyState>
      ) : (
        <SequenceTable rows={rows} canEdit={canEdit} />
      )}
    </>
  );
}
