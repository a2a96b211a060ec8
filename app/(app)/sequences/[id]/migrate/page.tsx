import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { MigrationWizard } from "@/components/migrations/migration-wizard";
import { BackLink } from "@/components/sequences/back-link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { roleAtLeast } from "@/lib/domain/roles";
import { findMigrationSetup } from "@/lib/server/migrations/find-migration-setup";
import { uuidParam } from "@/lib/server/route-params";
import { currentUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "Move enrollments" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ from?: string; to?: string }> };

export default async function MigratePage({ params, searchParams }: Props) {
  const [{ id: rawId }, query, user] = await Promise.all([params, searchParams, currentUser()]);
  const id = uuidParam(rawId);
  const setup = await findMigrationSetup(id);
  if (!setup || !user) notFound();
  const { sequence, versions } = setup;
  const historyLink = (
    <Link href={`/sequences/${id}/migrations`} className="text-sm font-medium text-indigo-700 hover:underline">
      Migration history
    </Link>
  );

  if (!roleAtLeast(user.role, "editor")) {
    return (
      <>
        <BackLink href={`/sequences/${id}`}>{sequence.name}</BackLink>
        <PageHeader title="Move enrollments" actions={historyLink} />
        <EmptyState title="Editors and admins only">
          You have view access: you can read the migration history, but not move enrollments between versions.
        </EmptyState>
      </>
    );
  }

  const byNumber = (n: string | undefined) => versions.find((v) => String(v.number) === n);
  const to = byNumber(query.to) ?? versions.find((v) => v.id === sequence.activeVersionId) ?? versions[0];
  const from =
    byNumber(query.from) ?? [...versions].filter((v) => v.id !== to?.id).sort((a, b) => b.inFlight - a.inFlight)[0];
  return (
    <>
      <BackLink href={`/sequences/${id}`}>{sequence.name}</BackLink>
      <PageHeader
        title={to ? `Move enrollments to v${to.number}` : "Move enrollments"}
        description="Publishing never moves anyone. Here you map the old version's steps onto the new one, check a dry run, then move in-flight enrollments on purpose. It is audited and can be undone."
        actions={historyLink}
      />
      {!to || !from ? (
        <EmptyState title="Nothing to move between">
          This sequence needs at least two published versions before enrollments can move from one to another.
        </EmptyState>
      ) : (
        <MigrationWizard
          key={`${from.id}:${to.id}`}
          sequenceId={id}
          versions={versions}
          initialFromId={from.id}
          initialToId={to.id}
        />
      )}
    </>
  );
}
