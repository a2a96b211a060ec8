import Link from "next/link";
import type { DraftContent } from "@/lib/domain/draft";
import { describeDayRange, stepDayRanges } from "@/lib/domain/schedule-labels";
import type { DraftValidation } from "@/lib/domain/validate-draft";
import { plural } from "@/components/ui/format";

/** At-a-glance facts about the draft next to the steps: size, length, and what blocks publishing. */
export function DraftSidebar({
  sequenceId,
  draft,
  validation,
  activeNumber,
}: {
  sequenceId: string;
  draft: DraftContent;
  validation: DraftValidation;
  activeNumber: number | null;
}) {
  const ranges = stepDayRanges(draft.steps, draft.settings);
  const lastDay = ranges.length > 0 ? (ranges[ranges.length - 1] ?? null) : null;
  const problems = validation.ok ? 0 : validation.errors.length;
  return (
    <aside
      aria-label="Draft summary"
      className="space-y-4 rounded-lg bg-white p-5 text-sm shadow-sm ring-1 ring-slate-200"
    >
      <dl className="space-y-3">
        <div className="flex justify-between gap-3">
          <dt className="text-slate-600">Steps</dt>
          <dd className="font-medium text-slate-900">{draft.steps.length}</dd>
        </div>
        <div className="flex justify-between gap-3">
          <dt className="text-slate-600">Last step fires</dt>
          <dd className="font-medium text-slate-900">{lastDay === null ? "—" : describeDayRange(lastDay)}</dd>
        </div>
        <div className="flex justify-between gap-3">
          <dt className="text-slate-600">Active version</dt>
          <dd className="font-medium text-slate-900">{activeNumber === null ? "None yet" : `v${activeNumber}`}</dd>
        </div>
      </dl>
      <p
        className={`rounded-md px-3 py-2 text-xs ${problems ? "bg-amber-50 text-amber-900" : "bg-green-50 text-green-800"}`}
        data-testid="draft-validity"
      >
        {problems ? `${plural(problems, "problem")} to fix before publishing.` : "Ready to publish."}
      </p>
      <p className="text-xs leading-relaxed text-slate-600">
        Changes save automatically. Contacts already enrolled keep the version they started on; publishing only affects
        new enrollments.
      </p>
      <Link
        href={`/sequences/${sequenceId}/versions`}
        className="block text-sm font-medium text-indigo-700 hover:underline"
      >
        Version history →
      </Link>
    </aside>
  );
}
