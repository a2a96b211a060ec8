import Link from "next/link";
import { DateTime } from "@/components/ui/date-time";
import type { RecentChange } from "@/lib/views/dashboard";

/** Recent publishes and operator migrations, newest first, with who did them. */
export function RecentChanges({ changes }: { changes: RecentChange[] }) {
  return (
    <section aria-labelledby="recent-changes" className="rounded-lg bg-white ring-1 ring-slate-200">
      <h2 id="recent-changes" className="border-b border-slate-200 px-4 py-3 text-sm font-semibold text-slate-900">
        Recent publishes and migrations
      </h2>
      {changes.length === 0 ? (
        <p className="px-4 py-6 text-sm text-slate-600">Nothing published or migrated yet.</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm" data-testid="recent-changes">
          {changes.map((c) => (
            <li key={c.kind === "publish" ? `p-${c.sequenceId}-${c.versionNumber}` : `m-${c.id}`} className="px-4 py-2">
              {c.kind === "publish" ? (
                <p className="text-slate-900">
                  <Link
                    href={`/sequences/${c.sequenceId}/versions/${c.versionNumber}`}
                    className="font-medium hover:underline"
                  >
                    {c.sequenceName} v{c.versionNumber}
                  </Link>{" "}
                  published{c.note ? <span className="text-slate-600">: {c.note}</span> : null}
                </p>
              ) : (
                <p className="text-slate-900">
                  <Link href={`/sequences/${c.sequenceId}/migrations`} className="font-medium hover:underline">
                    {c.sequenceName}: migration v{c.fromNumber} → v{c.toNumber}
                  </Link>{" "}
                  <span className="text-slate-600">
                    ({c.status}, {c.moved} moved)
                  </span>
                </p>
              )}
              <p className="text-xs text-slate-600">
                {c.author ?? "someone no longer here"} · <DateTime value={c.at} />
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
