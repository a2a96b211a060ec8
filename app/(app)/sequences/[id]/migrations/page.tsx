import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { MigrationHistory } from "@/components/migrations/migration-history";
import { BackLink } from "@/components/sequences/back-link";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { roleAtLeast } from "@/lib/domain/roles";
import { findMigrationHistory } from "@/lib/server/migrations/find-migration-history";
import { uuidParam } from "@/lib/server/route-params";
import { currentUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "Migration history" };

type Props = { params: Promise<{ id: string }> };

export default async function MigrationsPage({ params }: Props) {
  const id = uuidParam((await params).id);
  const [user, history] = await Promise.all([currentUser(), findMigrationHistory(id)]);
  if (!user || !history) notFound();
  const { sequence, rows } = history;
  const canMove = roleAtLeast(user.role, "editor");
  return (
    <>
      <BackLink href={`/sequences/${id}`}>{sequence.name}</BackLink>
      <PageHeader
        title="Migration history"
        description="Every on-purpose move of in-flight enrollments between versions of this sequence: who, when, how many, and undo."
        actions={
          canMove ? (
            <Link href={`/sequences/${id}/migrate`} className={buttonClass("primary")}>
              Move enrollments
            </Link>
          ) : null
        }
      />
      {rows.length === 0 ? (
        <EmptyState title="No migrations yet">
          Enrollments stay on the version they enrolled on until someone moves them here.
        </EmptyState>
      ) : (
        <MigrationHistory sequenceId={id} rows={rows} canUndo={canMove} />
      )}
    </>
  );
}
