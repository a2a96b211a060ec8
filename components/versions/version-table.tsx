import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { formatCount } from "@/components/ui/format";
import { DateTime } from "@/components/ui/date-time";
import { RestoreVersionButton } from "./restore-version-button";

export type VersionRow = {
  id: string;
  number: number;
  note: string;
  contentHash: string;
  publishedAt: Date;
  publishedBy: string | null;
  activeEnrollments: number;
  totalEnrollments: number;
};

const linkClass = "font-medium text-indigo-700 hover:underline";

export function VersionTable({
  sequenceId,
  versions,
  activeVersionId,
  canRestore,
}: {
  sequenceId: string;
  versions: VersionRow[];
  activeVersionId: string | null;
  canRestore: boolean;
}) {
  // Moving contacts only makes sense towards a version when some are in flight on another one.
  const inFlightElsewhere = (number: number) => versions.some((v) => v.number !== number && v.activeEnrollments > 0);
  return (
    <div className="overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
          <tr>
            <th scope="col" className="px-4 py-3">
              Version
            </th>
            <th scope="col" className="px-4 py-3">
              Published
            </th>
            <th scope="col" className="w-2/5 px-4 py-3">
              Note
            </th>
            <th scope="col" className="px-4 py-3">
              Hash
            </th>
            <th scope="col" className="px-4 py-3 text-right whitespace-nowrap">
              Pinned enrollments
            </th>
            <th scope="col" className="px-4 py-3">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {versions.map((v) => (
            <tr key={v.id} data-testid="version-row" data-number={v.number} className="align-top">
              <td className="px-4 py-3 whitespace-nowrap">
                <span className="font-semibold text-slate-900">v{v.number}</span>
                {v.id === activeVersionId ? (
                  <span className="ml-2">
                    <Badge tone="green">Active</Badge>
                  </span>
                ) : null}
              </td>
              <td className="px-4 py-3 text-slate-700">
                <span className="block">{v.publishedBy ?? "Unknown"}</span>
                <span className="text-xs whitespace-nowrap text-slate-500">
                  <DateTime value={v.publishedAt} />
                </span>
              </td>
              <td className="px-4 py-3 break-words text-slate-800" data-testid="version-note">
                {v.note}
              </td>
              <td className="px-4 py-3">
                <code
                  className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700"
                  title={v.contentHash}
                >
                  {v.contentHash.slice(0, 8)}
                </code>
              </td>
              <td className="px-4 py-3 text-right whitespace-nowrap text-slate-800 tabular-nums">
                <span className="font-medium">{formatCount(v.activeEnrollments)}</span> active
                <span className="text-slate-500"> / {formatCount(v.totalEnrollments)} total</span>
              </td>
              <td className="px-4 py-3">
                <div className="flex items-center justify-end gap-3 whitespace-nowrap">
                  <Link
                    href={`/sequences/${sequenceId}/versions/${v.number}`}
                    className={linkClass}
                    aria-label={`View v${v.number}`}
                  >
                    View
                  </Link>
                  {v.number > 1 ? (
                    <Link
                      href={`/sequences/${sequenceId}/diff?from=${v.number - 1}&to=${v.number}`}
                      className={linkClass}
                      aria-label={`Compare v${v.number - 1} with v${v.number}`}
                    >
                      Diff vs v{v.number - 1}
                    </Link>
                  ) : null}
                  {canRestore && inFlightElsewhere(v.number) ? (
                    <Link
                      href={`/sequences/${sequenceId}/migrate?to=${v.number}`}
                      className={linkClass}
                      aria-label={`Move enrollments to v${v.number}`}
                    >
                      Move enrollments here
                    </Link>
                  ) : null}
                  {canRestore ? (
                    <RestoreVersionButton sequenceId={sequenceId} versionId={v.id} number={v.number} />
                  ) : null}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
