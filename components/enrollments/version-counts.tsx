import Link from "next/link";
import { formatCount } from "@/components/ui/format";
import type { VersionCount } from "@/lib/views/enrollments";

/** Reused counts say how old they are: "counted 12 s ago (recounted every 30 s)". */
function CountAge({ ageMs, reuseSeconds }: { ageMs: number; reuseSeconds: number }) {
  if (ageMs < 1000) return null;
  return (
    <p className="self-center text-xs text-slate-500" data-testid="version-counts-age">
      Counted {Math.round(ageMs / 1000)} s ago (large sequences are recounted every {reuseSeconds} s)
    </p>
  );
}

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
      <CountAge ageMs={ageMs} reuseSeconds={reuseSeconds} />
    </section>
  );
}
