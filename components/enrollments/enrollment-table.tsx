import Link from "next/link";
import { DateTime } from "@/components/ui/date-time";
import type { EnrollmentListRow } from "@/lib/views/enrollments";
import { pendingDeliveryText } from "./delivery-status";
import { EnrollmentStatusBadge } from "./enrollment-status-badge";
import { exitReasonText } from "./event-labels";

function behind(row: EnrollmentListRow): string | null {
  if (row.activeVersionNumber === null || row.activeVersionNumber <= row.versionNumber) return null;
  const n = row.activeVersionNumber - row.versionNumber;
  return n === 1 ? "1 behind" : `${n} behind`;
}

export function EnrollmentTable({ rows, showSequence }: { rows: EnrollmentListRow[]; showSequence: boolean }) {
  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
          <tr>
            <th scope="col" className="px-4 py-3">
              Contact
            </th>
            {showSequence ? (
              <th scope="col" className="px-4 py-3">
                Sequence
              </th>
            ) : null}
            <th scope="col" className="px-4 py-3">
              Version
            </th>
            <th scope="col" className="px-4 py-3">
              Status
            </th>
            <th scope="col" className="px-4 py-3">
              Current step
            </th>
            <th scope="col" className="px-4 py-3">
              Next run
            </th>
            <th scope="col" className="px-4 py-3">
              Enrolled
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id} data-testid="enrollment-row" className="hover:bg-slate-50/60">
              <td className="max-w-64 px-4 py-2.5">
                <Link
                  href={`/enrollments/${row.id}`}
                  className="block truncate font-medium text-indigo-700 hover:underline"
                >
                  {row.name || row.email}
                </Link>
                {row.name ? <span className="block truncate text-xs text-slate-500">{row.email}</span> : null}
              </td>
              {showSequence ? (
                <td className="max-w-56 truncate px-4 py-2.5 text-slate-700">{row.sequenceName}</td>
              ) : null}
              <td className="px-4 py-2.5 whitespace-nowrap text-slate-800">
                v{row.versionNumber}
                {behind(row) ? <span className="ml-1.5 text-xs text-amber-700">{behind(row)}</span> : null}
              </td>
              <td className="px-4 py-2.5">
                <EnrollmentStatusBadge status={row.status} />
                {row.pendingMessages > 0 ? (
                  <span className="mt-0.5 block text-xs text-amber-800" data-testid="enrollment-delivering">
                    {pendingDeliveryText(row.status, row.pendingMessages)}
                  </span>
                ) : null}
                {row.exitReason ? (
                  <span className="mt-0.5 block max-w-48 truncate text-xs text-slate-500">
                    {exitReasonText(row.exitReason)}
                  </span>
                ) : null}
              </td>
              <td className="px-4 py-2.5 text-slate-700 tabular-nums">
                {row.status === "completed"
                  ? "—"
                  : `${Math.min(row.currentStepIndex + 1, row.stepCount)} of ${row.stepCount}`}
                {row.currentStepKey && row.status !== "completed" ? (
                  <span className="ml-1.5 text-xs text-slate-500">{row.currentStepKey}</span>
                ) : null}
              </td>
              <td className="px-4 py-2.5 whitespace-nowrap text-slate-700">
                {row.status === "active" ? (
                  row.nextRunAt ? (
                    <DateTime value={row.nextRunAt} />
                  ) : (
                    "Waiting on a task"
                  )
                ) : (
                  "—"
                )}
              </td>
              <td className="px-4 py-2.5 whitespace-nowrap text-slate-600">
                <DateTime value={row.enrolledAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
