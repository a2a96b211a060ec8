import { ReadOnlySteps } from "@/components/versions/read-only-steps";
import { PageHeader } from "@/components/ui/page-header";
import type { DraftContent } from "@/lib/domain/draft";
import type { SequenceStatus } from "@/lib/domain/sequence-status";
import { SequenceLinks } from "./sequence-links";
import { SequenceStatusBadge } from "./status-badge";

/** What viewers (and everyone, once archived) see instead of the editor: the same facts, no controls. */
export function ReadOnlyDraft({
  sequence,
  comparisonText,
  reason,
}: {
  sequence: { id: string; name: string; status: SequenceStatus; draft: DraftContent };
  comparisonText: string;
  reason: string;
}) {
  return (
    <>
      <PageHeader
        title={sequence.name}
        description={
          <span className="flex flex-wrap items-center gap-3">
            <SequenceStatusBadge status={sequence.status} />
            <span data-testid="draft-state">{comparisonText}</span>
          </span>
        }
        actions={
          <>
            <SequenceLinks sequenceId={sequence.id} />
          </>
        }
      />
      <p
        className="mb-6 rounded-lg bg-slate-100 px-4 py-3 text-sm text-slate-700 ring-1 ring-slate-200"
        data-testid="read-only-notice"
      >
        {reason}
      </p>
      <div className="max-w-4xl">
        <ReadOnlySteps steps={sequence.draft.steps} settings={sequence.draft.settings} />
      </div>
    </>
  );
}
