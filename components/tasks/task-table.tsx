"use client";
import Link from "next/link";
import { useCallback, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { Toast } from "@/components/ui/toast";
import { PRIORITY_LABELS, type TaskPriority } from "@/lib/domain/tasks";
import type { TaskAssigneeOption, TaskRow } from "@/lib/views/tasks";
import { CompleteTaskButton } from "./complete-task-button";
import { DueDateButton } from "./due-date-button";
import { AssigneeSelect, PrioritySelect } from "./task-field-selects";

const PRIORITY_TONE: Record<TaskPriority, "red" | "slate" | "sky"> = { high: "red", normal: "slate", low: "sky" };

const TH = "px-4 py-3";

/** Also renders the empty state, so the confirmation survives the last task leaving the list. */
export function TaskTable({
  rows,
  canEdit,
  assignees,
  emptyTitle,
  emptyHint,
}: {
  rows: TaskRow[];
  canEdit: boolean;
  assignees: TaskAssigneeOption[];
  emptyTitle: string;
  emptyHint: string;
}) {
  const [done, setDone] = useState<string | null>(null);
  const dismiss = useCallback(() => setDone(null), []);
  const toast = done ? <Toast message={done} onDismiss={dismiss} /> : null;
  if (rows.length === 0) {
    return (
      <>
        <EmptyState title={emptyTitle}>{emptyHint}</EmptyState>
        {toast}
      </>
    );
  }
  const showCompleted = rows.some((t) => t.completedAt);
  return (
    <>
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
            <tr>
              <th scope="col" className={TH}>
                Contact
              </th>
              <th scope="col" className={TH}>
                Sequence
              </th>
              <th scope="col" className={TH}>
                Step
              </th>
              <th scope="col" className={TH}>
                Assignee
              </th>
              <th scope="col" className={TH}>
                Due
              </th>
              <th scope="col" className={TH}>
                Priority
              </th>
              {showCompleted ? (
                <th scope="col" className={TH}>
                  Completed
                </th>
              ) : canEdit ? (
                <th scope="col" className={TH}>
                  <span className="sr-only">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((t) => {
              const editable = canEdit && !t.completedAt;
              const who = `“${t.title}” for ${t.email}`;
              return (
                <tr key={t.id} data-testid="task-row" data-overdue={t.overdue ? "true" : undefined}>
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
                      <span className="block text-xs text-amber-800">Enrollment {t.enrollmentStatus}</span>
                    ) : null}
                  </td>
                  <td className="max-w-md px-4 py-2.5">
                    <span className="block font-medium text-slate-900">{t.stepName}</span>
                    <span className="block text-xs text-slate-500">
                      Created <DateTime value={t.createdAt} />
                    </span>
                    {t.note ? (
                      <span className="line-clamp-2 text-xs whitespace-pre-wrap text-slate-600">{t.note}</span>
                    ) : null}
                  </td>
                  <td className="px-4 py-2.5 text-slate-700">
                    {editable ? (
                      <AssigneeSelect
                        taskId={t.id}
                        label={`Assignee of ${who}`}
                        assigneeId={t.assigneeId}
                        assigneeName={t.assigneeName}
                        assignees={assignees}
                        onReport={setDone}
                      />
                    ) : (
                      (t.assigneeName ?? <span className="text-slate-500">Unassigned</span>)
                    )}
                  </td>
                  <td className="px-4 py-2.5 text-slate-700">
                    <span className="flex flex-col items-start gap-1">
                      <DateTime value={t.dueAt} className="whitespace-nowrap" />
                      {editable ? (
                        <DueDateButton
                          taskId={t.id}
                          title={t.title}
                          email={t.email}
                          dueAt={t.dueAt}
                          onReport={setDone}
                        />
                      ) : null}
                    </span>
                    {t.overdue ? (
                      <span className="mt-0.5 block" data-testid="task-overdue">
                        <Badge tone="red">{t.completedAt ? "Completed late" : "Overdue"}</Badge>
                      </span>
                    ) : null}
                  </td>
                  <td className="px-4 py-2.5">
                    {editable ? (
                      <PrioritySelect
                        taskId={t.id}
                        label={`Priority of ${who}`}
                        priority={t.priority}
                        onReport={setDone}
                      />
                    ) : (
                      <Badge tone={PRIORITY_TONE[t.priority]}>{PRIORITY_LABELS[t.priority]}</Badge>
                    )}
                  </td>
                  {t.completedAt ? (
                    <td className="max-w-sm px-4 py-2.5 text-slate-700">
                      <DateTime value={t.completedAt} className="whitespace-nowrap" />
                      {t.completedByName ? (
                        <span className="block text-xs text-slate-500">by {t.completedByName}</span>
                      ) : null}
                      {t.completionNote ? (
                        <span
                          className="line-clamp-3 text-xs whitespace-pre-wrap text-slate-700"
                          data-testid="task-completion-note"
                        >
                          {t.completionNote}
                        </span>
                      ) : null}
                    </td>
                  ) : canEdit ? (
                    <td className="px-4 py-2.5 text-right">
                      <CompleteTaskButton taskId={t.id} title={t.title} email={t.email} onDone={setDone} />
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {toast}
    </>
  );
}
