import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { FunnelTable } from "@/components/outcomes/funnel-table";
import { MachineRule } from "@/components/outcomes/machine-rule";
import { StepOutcomeTable } from "@/components/outcomes/step-outcome-table";
import { BackLink } from "@/components/sequences/back-link";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getSequenceOutcomes } from "@/lib/server/outcomes/get-sequence-outcomes";
import { uuidParam } from "@/lib/server/route-params";
import { findSequenceForEditor } from "@/lib/server/sequences/find-sequence-for-editor";

export const metadata: Metadata = { title: "Outcomes" };

export default async function OutcomesPage({ params }: { params: Promise<{ id: string }> }) {
  const id = uuidParam((await params).id);
  const sequence = await findSequenceForEditor(id);
  if (!sequence) notFound();
  const outcomes = await getSequenceOutcomes(sequence.id);
  const [newest, previous] = outcomes.versions;
  return (
    <>
      <BackLink href={`/sequences/${sequence.id}`}>{sequence.name}</BackLink>
      <PageHeader
        title="Outcomes"
        description="What each version did: every contact counts for the version they were on when it happened."
        actions={
          newest && previous ? (
            <Link
              href={`/sequences/${sequence.id}/diff?from=${previous.number}&to=${newest.number}`}
              className={buttonClass("secondary")}
            >
              Compare v{previous.number} with v{newest.number}
            </Link>
          ) : null
        }
      />
      {outcomes.versions.length === 0 ? (
        <EmptyState title="No outcomes yet">
          Publish a version and enroll contacts; their outcomes appear here.
        </EmptyState>
      ) : (
        <>
          <MachineRule />
          <h2 className="mb-2 text-lg font-semibold text-slate-900">Funnel per version</h2>
          <FunnelTable versions={outcomes.versions} />
          {outcomes.versions.map((version) => (
            <section key={version.versionId} className="mt-8" aria-labelledby={`steps-v${version.number}`}>
              <h2 id={`steps-v${version.number}`} className="mb-2 text-lg font-semibold text-slate-900">
                Steps of v{version.number}
              </h2>
              <StepOutcomeTable version={version} />
            </section>
          ))}
        </>
      )}
    </>
  );
}
