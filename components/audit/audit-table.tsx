import Link from "next/link";
import type { AuditEntryView } from "@/lib/views/audit";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";

/** The audit entries, newest first; each row's payload opens in place (secrets already redacted). */
export function AuditTable({
  entries,
  nextHref,
  firstHref,
}: {
  entries: AuditEntryView[];
  /** The next (older) page, or null on the last one. */
  nextHref: string | null;
  /** The newest page, when this is not it. */
  firstHref: string | null;
}) {
  if (entries.length === 0)
    return <EmptyState title="No entries">Nothing in the audit log matches these filters.</EmptyState>;
  return (
    <>
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
        <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="audit-table">
          <caption className="sr-only">Audit log entries, newest first</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-3">
                When
              </th>
              <th scope="col" className="px-4 py-3">
                Who
              </th>
              <th scope="col" className="px-4 py-3">
                What
              </th>
              <th scope="col" className="px-4 py-3">
                Entity
              </th>
              <th scope="col" className="px-4 py-3">
                Summary and detail
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 align-top">
            {entries.map((e) => (
              <tr key={e.id} data-testid="audit-row">
                <td className="px-4 py-3 whitespace-nowrap text-slate-700">
                  <DateTime value={e.at} />
                </td>
                <td className="px-4 py-3 text-slate-800">
                  {e.actor ? (
                    <span title={e.actor.email}>{e.actor.name}</span>
                  ) : (
                    <span className="text-slate-500">System</span>
                  )}
                </td>
                <td className="px-4 py-3 font-mono text-xs text-slate-800">{e.action}</td>
                <td className="px-4 py-3 text-slate-700">
                  {e.entityType}
                  {e.entityId ? <span className="block font-mono text-xs text-slate-500">{e.entityId}</span> : null}
                </td>
                <td className="px-4 py-3 text-slate-800">
                  <details>
                    <summary className="cursor-pointer">{e.summary}</summary>
                    <pre className="mt-2 max-h-80 max-w-2xl overflow-auto rounded bg-slate-50 p-3 text-xs text-slate-800 ring-1 ring-slate-200">
                      {JSON.stringify(e.detail, null, 2)}
                    </pre>
                    <p className="mt-1 font-mono text-xs text-slate-500">entry {e.id}</p>
                  </details>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="Audit log pages" className="mt-3 flex gap-4 text-sm">
        {firstHref ? (
          <Link href={firstHref} className="text-indigo-700 hover:underline">
            ← Newest entries
          </Link>
        ) : null}
        {nextHref ? (
          <Link href={nextHref} className="ml-auto text-indigo-700 hover:underline" data-testid="audit-older">
            Older entries →
          </Link>
        ) : null}
      </nav>
    </>
  );
}
