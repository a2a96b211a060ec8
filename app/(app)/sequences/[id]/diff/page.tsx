import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DiffPickers } from "@/components/diff/diff-pickers";
import { CompareOutcomes } from "@/components/outcomes/compare-outcomes";
import { VersionDiffView } from "@/components/diff/version-diff-view";
import { LintChangesView } from "@/components/publish/lint-changes";
import { BackLink } from "@/components/sequences/back-link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import type { Step } from "@/lib/domain/steps";
import { diffSettings, diffSteps } from "@/lib/domain/version-diff";
import { getSequenceOutcomes } from "@/lib/server/outcomes/get-sequence-outcomes";
import { positiveIntParam, uuidParam } from "@/lib/server/route-params";
import { findLintChanges, LINT_CONTEXT_TTL_MS } from "@/lib/server/sequences/find-lint-changes";
import { findSequenceForEditor } from "@/lib/server/sequences/find-sequence-for-editor";
import { findVersion } from "@/lib/server/sequences/find-version";
import { listVersionLabels } from "@/lib/server/sequences/list-version-labels";

export const metadata: Metadata = { title: "Compare versions" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ from?: string; to?: string }> };

export default async function DiffPage({ params, searchParams }: Props) {
  const id = uuidParam((await params).id);
  const query = await searchParams;
  const sequence = await findSequenceForEditor(id);
  if (!sequence) notFound();
  const versions = await listVersionLabels(sequence.id);
  const base = `/sequences/${sequence.id}/diff`;

  const header = (
    <>
      <BackLink href={`/sequences/${sequence.id}`}>{sequence.name}</BackLink>
      <PageHeader
        title="Compare versions"
        description="Steps are aligned by their identity, so a moved step shows once as moved, not as removed and added."
      />
    </>
  );
  if (versions.length === 0) {
    return (
      <>
        {header}
        <EmptyState title="Nothing to compare yet">
          Publish a first version; then you can compare versions with each other and with the draft.
        </EmptyState>
      </>
    );
  }

  // Defaults: the two newest versions, or the only version against the draft.
  const newest = versions[0]?.number ?? 1;
  const to = query.to ?? (versions.length > 1 ? String(newest) : "draft");
  const from = query.from ?? (to === "draft" ? String(newest) : String(Math.max(1, Number(to) - 1)));

  // The query string is a URL too: a version that is not a number is the same 404 as a missing one.
  const [fromVersion, toVersion] = await Promise.all([
    findVersion(sequence.id, positiveIntParam(from)),
    to === "draft" ? null : findVersion(sequence.id, positiveIntParam(to)),
  ]);
  if (!fromVersion || (to !== "draft" && !toVersion)) notFound();
  // The draft may be mid-edit and invalid; the diff only needs each step's fields, not validity.
  const toSteps: readonly Step[] = toVersion ? toVersion.content.steps : sequence.draft.steps;
  const toSettings = toVersion ? toVersion.content.settings : sequence.draft.settings;
  const diff = diffSteps(fromVersion.content.steps, toSteps, { from: fromVersion.content.settings, to: toSettings });
  const settingsChanges = diffSettings(fromVersion.content.settings, toSettings);
  const toLabel = toVersion ? `v${toVersion.number}` : "Draft";
  // Outcomes side by side when both sides are published versions (a draft has none); the
  // guardrail changes are independent of them, so both load at once.
  const [outcomes, lint] = await Promise.all([
    toVersion && toVersion.id !== fromVersion.id
      ? getSequenceOutcomes(sequence.id, { versionIds: [fromVersion.id, toVersion.id], inFlight: false })
      : null,
    findLintChanges({
      sequenceId: sequence.id,
      from: fromVersion.content,
      to: toVersion ? toVersion.content : sequence.draft,
    }),
  ]);
  const outcomeOf = (versionId: string) => outcomes?.versions.find((v) => v.versionId === versionId) ?? null;
  const outcomeFrom = outcomeOf(fromVersion.id);
  const outcomeTo = toVersion ? outcomeOf(toVersion.id) : null;

  return (
    <>
      {header}
      <DiffPickers
        action={base}
        from={from}
        to={to}
        versions={versions.map((v) => ({ number: v.number, note: v.note }))}
      />
      {outcomeFrom && outcomeTo ? <CompareOutcomes a={outcomeTo} b={outcomeFrom} /> : null}
      <LintChangesView
        changes={lint}
        fromLabel={`v${fromVersion.number}`}
        toLabel={toLabel}
        fromKeys={new Set(fromVersion.content.steps.map((s) => s.key))}
        reuseSeconds={LINT_CONTEXT_TTL_MS / 1000}
      />
      <VersionDiffView
        diff={diff}
        fromLabel={`v${fromVersion.number}`}
        toLabel={toLabel}
        settingsChanges={settingsChanges}
      />
    </>
  );
}
