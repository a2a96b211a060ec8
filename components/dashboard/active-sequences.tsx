import Link from "next/link";
import { formatCount } from "@/components/ui/format";
import type { ActiveSequenceRow } from "@/lib/views/dashboard";

/** What is running now: each active sequence, its active version, and who is in flight on which version. */
export function ActiveSequences({ rows }: { rows: ActiveSequenceRow[] }) {
  return (
    <section aria-labelledby="active-sequences" className="rounded-lg bg-white ring-1 ring-slate-200">
      <h2 id="active-sequences" className="border-b border-slate-200 px-4 py-3 text-sm font-semibold text-slate-900">
        Active sequences
      </h2>
      {rows.length === 0 ? (
        <p className="px-4 py-6 text-sm text-slate-600">
          No sequence is active yet. Publish one from{" "}
          <Link href="/sequences" className="text-indigo-700 hover:underline">
            Sequences
          </Link>{" "}
          to start enrolling contacts.
        </p>
      ) : (
        <table className="w-full text-left text-sm" data-testid="active-sequences">
          <thead className="text-xs text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">
                Sequence
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Active version
              </th>
              <th scope="col" className="px-4 py-2 text-right font-medium">
                In flight
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                In flight by version
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((s) => (
              <tr key={s.id}>
                <td className="px-4 py-2">
                  <Link href={`/sequences/${s.id}`} className="font-medium text-slate-900 hover:underline">
                    {s.name}
                  </Link>
                </td>
                <td className="px-4 py-2 text-slate-700">
                  {s.activeVersionNumber ? `v${s.activeVersionNumber}` : "—"}
                </td>
                <td className="px-4 py-2 text-right tabular-nums text-slate-900">{formatCount(s.inFlight)}</td>
                <td className="px-4 py-2">
                  {s.byVersion.length === 0 ? (
                    <span className="text-slate-500">nobody in flight</span>
                  ) : (
                    <ul className="flex flex-wrap gap-2">
                      {s.byVersion.map((v) => (
                        <li key={v.versionId}>
                          <Link
                            href={`/enrollments?sequence=${s.id}&version=${v.versionId}`}
                            className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-800 hover:bg-slate-200"
                          >
                            v{v.number}: {formatCount(v.inFlight)}
                          </Link>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
