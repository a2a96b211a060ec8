import Link from "next/link";
import { formatCount } from "@/components/ui/format";
import { DateTime } from "@/components/ui/date-time";
import type { SequenceStatus } from "@/lib/domain/sequence-status";
import { ArchiveSequenceButton } from "./archive-sequence-button";
import { SequenceStatusBadge } from "./status-badge";

export type SequenceRow = {
  id: string;
  name: string;
  status: SequenceStatus;
  activeVersionNumber: number | null;
  activeEnrollments: number;
  lastPublishedAt: Date | null;
  lastPublishedBy: string | null;
  stepCount: number;
};

export function SequenceTable({ rows, canEdit }: { rows: SequenceRow[]; canEdit: boolean }) {
  return (
    <div className="overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
          <tr>
            <th scope="col" className="px-4 py-3">
              Name
            </th>
            <th scope="col" className="px-4 py-3">
              Status
            </th>
            <th scope="col" className="px-4 py-3">
              Active version
            </th>
            <th scope="col" className="px-4 py-3 text-right">
              Active enrollments
            </th>
            <th scope="col" className="px-4 py-3">
              Last published
            </th>
            {canEdit ? (
              <th scope="col" className="px-4 py-3">
                <span className="sr-only">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id} data-testid="sequence-row" className="hover:bg-slate-50/60">
              <td className="max-w-xs px-4 py-3">
                <Link
                  href={`/sequences/${row.id}`}
                  className="block truncate font-medium text-indigo-700 hover:underline"
                >
                  {row.name}
                </Link>
                <p className="text-xs text-slate-500">
                  {row.stepCount === 1 ? "1 step in draft" : `${row.stepCount} steps in draft`}
                </p>
              </td>
              <td className="px-4 py-3">
                <SequenceStatusBadge status={row.status} />
              </td>
              <td className="px-4 py-3 text-slate-800">
                {row.activeVersionNumber === null ? (
                  <span className="text-slate-500">Not published</span>
                ) : (
                  `v${row.activeVersionNumber}`
                )}
              </td>
              <td className="px-4 py-3 text-right text-slate-800 tabular-nums">{formatCount(row.activeEnrollments)}</td>
              <td className="px-4 py-3 text-slate-700">
                {row.lastPublishedAt ? (
                  <>
                    <span className="block">{row.lastPublishedBy ?? "Unknown"}</span>
                    <span className="text-xs text-slate-500">
                      <DateTime value={row.lastPublishedAt} />
                    </span>
                  </>
                ) : (
                  <span className="text-slate-500">—</span>
                )}
              </td>
              {canEdit ? (
                <td className="px-4 py-3 text-right">
                  {row.status === "archived" ? null : <ArchiveSequenceButton sequenceId={row.id} name={row.name} />}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
