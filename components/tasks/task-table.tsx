"use client";
import Link from "next/link";
import { useCallback, useState } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import { DateTime } from "@/components/ui/date-time";
import { Toast } from "@/components/ui/toast";
import type { OpenTaskRow } from "@/lib/views/tasks";
import { CompleteTaskButton } from "./complete-task-button";

/** Also renders the empty state, so the confirmation survives the last task leaving the list. */
export function TaskTable({
  rows,
  canEdit,
  emptyTitle,
}: {
  rows: OpenTaskRow[];
  canEdit: boolean;
  emptyTitle: string;
}) {
  const [done, setDone] = useState<string | null>(null);
  const dismiss = useCallback(() => setDone(null), []);
  const toast = done ? <Toast message={done} onDismiss={dismiss} /> : null;
  if (rows.length === 0) {
    return (
      <>
        <EmptyState title={emptyTitle}>Task steps create a to-do here when a contact reaches them.</EmptyState>
        {toast}
      </>
    );
  }
  return (
    <>
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
            <tr>
              <th scope="col" className="px-4 py-3">
                Task
              </th>
              <th scope="col" className="px-4 py-3">
                Contact
              </th>
              <th scope="col" className="px-4 py-3">
                Sequence
              </th>
              <th scope="col" className="px-4 py-3">
                Created
              </th>
              {canEdit ? (
                <th scope="col" className="px-4 py-3">
                  <span className="sr-only">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((t) => (
              <tr key={t.id} data-testid="task-row">
                <td className="max-w-md px-4 py-2.5">
                  <span className="block font-medium text-slate-900">{t.title}</span>
                  {t.note ? (
                    <span className="line-clamp-2 text-xs whitespace-pre-wrap text-slate-600">{t.note}</span>
                  ) : null}
                </td>
                <td className="max-w-64 px-4 py-2.5">
                  <Link
                    href={`/enrollments/${t.enrollmentId}`}
                    className="block truncate font-medium text-indigo-700 hover:underline"
                  >
                    {t.name || t.email}
                  </Link>
                  {t.name ? <span className="block truncate text-xs text-slate-500">{t.email}</span> : null}
                </td>
                <td className="px-4 py-2.5 text-slate-700">
                  {t.sequenceName} <span className="text-slate-500">v{t.versionNumber}</span>
                  {t.enrollmentStatus !== "active" ? (
                    <span className="block text-xs text-amber-700">Enrollment {t.enrollmentStatus}</span>
                  ) : null}
                </td>
                <td className="px-4 py-2.5 whitespace-nowrap text-slate-600">
                  <DateTime value={t.createdAt} />
                </td>
                {canEdit ? (
                  <td className="px-4 py-2.5 text-right">
                    <CompleteTaskButton taskId={t.id} title={t.title} email={t.email} onDone={setDone} />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {toast}
    </>
  );
}
