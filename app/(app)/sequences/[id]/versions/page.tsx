import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BackLink } from "@/components/sequences/back-link";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { VersionTable } from "@/components/versions/version-table";
import { roleAtLeast } from "@/lib/domain/roles";
import { uuidParam } from "@/lib/server/route-params";
import { findSequenceForEditor } from "@/lib/server/sequences/find-sequence-for-editor";
import { listVersions } from "@/lib/server/sequences/list-versions";
import { currentUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "Version history" };

export default async function VersionHistoryPage({ params }: { params: Promise<{ id: string }> }) {
  const id = uuidParam((await params).id);
  const [user, sequence] = await Promise.all([currentUser(), findSequenceForEditor(id)]);
  if (!sequence || !user) notFound();
  const versions = await listVersions(sequence.id);
  const canRestore = roleAtLeast(user.role, "editor") && sequence.status !== "archived";
  return (
    <>
      <BackLink href={`/sequences/${sequence.id}`}>{sequence.name}</BackLink>
      <PageHeader
        title="Version history"
        description="Every published version is immutable. Contacts stay pinned to the version they enrolled on."
        actions={
          versions.length > 0 ? (
            <>
              <Link href={`/sequences/${sequence.id}/migrations`} className={buttonClass("secondary")}>
                Migration history
              </Link>
              <Link
                href={`/sequences/${sequence.id}/diff?from=${versions[0]?.number ?? 1}&to=draft`}
                className={buttonClass("secondary")}
              >
                Compare latest with draft
              </Link>
            </>
          ) : null
        }
      />
      {versions.length === 0 ? (
        <EmptyState title="Nothing published yet">Publish the draft from the editor to create v1.</EmptyState>
      ) : (
        <VersionTable
          sequenceId={sequence.id}
          versions={versions}
          activeVersionId={sequence.activeVersion?.id ?? null}
          canRestore={canRestore}
        />
      )}
    </>
  );
}
