import Link from "next/link";
import { CountAge } from "@/components/ui/count-age";
import { formatCount } from "@/components/ui/format";
import type { VersionCount } from "@/lib/views/enrollments";

/** "v3: 1,204 active · v4: 310 active", each a link that filters the list to that version. */
export function VersionCounts({
  sequenceId,
  counts,
  ageMs,
  reuseSeconds,
  selectedVersionId,
}: {
  sequenceId: string;
  counts: VersionCount[];
  ageMs: number;
  reuseSeconds: number;
  selectedVersionId: string;
}) {
  if (counts.length === 0) return null;
  return (
    <section aria-label="Enrollments per version" className="mb-4 flex flex-wrap gap-2" data-testid="version-counts">
      {counts.map((c) => (
        <Link
          key={c.versionId}
          href={`/enrollments?sequence=${sequenceId}&version=${c.versionId}`}
          aria-current={c.versionId === selectedVersionId ? "true" : undefined}
          className={`rounded-lg px-3 py-2 text-sm ring-1 ${c.versionId === selectedVersionId ? "bg-indigo-50 ring-indigo-300" : "bg-white ring-slate-200 hover:bg-slate-50"}`}
        >
          <span className="font-semibold text-slate-900">v{c.number}</span>
          {c.isActive ? <span className="ml-1 text-xs text-green-700">(active)</span> : null}
          <span className="ml-2 text-slate-700 tabular-nums">{formatCount(c.active)} active</span>
          {c.paused > 0 ? (
            <span className="ml-2 text-slate-600 tabular-nums">{formatCount(c.paused)} paused</span>
          ) : null}
          <span className="ml-2 text-slate-500 tabular-nums">{formatCount(c.finished)} finished</span>
        </Link>
      ))}
      <div className="self-center">
        <CountAge ageMs={ageMs} reuseSeconds={reuseSeconds} testId="version-counts-age" />
      </div>
    </section>
  );
}
