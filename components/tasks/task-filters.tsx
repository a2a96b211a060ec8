"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { Select } from "@/components/ui/field";
import { PRIORITY_LABELS, TASK_PRIORITIES, taskFilterParams, type TaskFilters } from "@/lib/domain/tasks";
import type { TaskAssigneeOption } from "@/lib/views/tasks";

function assigneeValue(filters: TaskFilters): string {
  const a = filters.assignee;
  return a === null ? "" : typeof a === "string" ? a : a.userId;
}

/**
 * The tasks page's filters. Each applies as soon as it is chosen: it becomes a URL parameter, so
 * a filtered list can be bookmarked or linked to (the dashboard links to "mine, overdue"). The
 * fields are uncontrolled, so a choice shows at once while the page loads; the page keys this bar by
 * its filters, so it starts afresh from the URL after each navigation.
 */
export function TaskFilterBar({
  filters,
  assignees,
  sequences,
}: {
  filters: TaskFilters;
  assignees: TaskAssigneeOption[];
  sequences: { id: string; name: string }[];
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  function apply(next: TaskFilters) {
    const query = new URLSearchParams(taskFilterParams(next)).toString();
    startTransition(() => router.push(query ? `/tasks?${query}` : "/tasks"));
  }

  const active = Object.keys(taskFilterParams(filters)).length > 0;
  return (
    <div
      role="search"
      aria-label="Filter tasks"
      aria-busy={pending}
      className="mb-4 flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
    >
      <label className="w-48 space-y-1 text-sm font-medium text-slate-700">
        <span className="block">Status</span>
        <Select
          defaultValue={filters.status}
          onChange={(e) => apply({ ...filters, status: e.target.value === "completed" ? "completed" : "open" })}
        >
          <option value="open">Open</option>
          <option value="completed">Completed</option>
        </Select>
      </label>
      <label className="w-52 space-y-1 text-sm font-medium text-slate-700">
        <span className="block">Assigned to</span>
        <Select
          defaultValue={assigneeValue(filters)}
          onChange={(e) => {
            const v = e.target.value;
            apply({ ...filters, assignee: v === "" ? null : v === "me" || v === "none" ? v : { userId: v } });
          }}
        >
          <option value="">Anyone</option>
          <option value="me">Me</option>
          <option value="none">Nobody (unassigned)</option>
          {assignees.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </Select>
      </label>
      <label className="w-64 space-y-1 text-sm font-medium text-slate-700">
        <span className="block">Sequence</span>
        <Select
          defaultValue={filters.sequenceId ?? ""}
          onChange={(e) => apply({ ...filters, sequenceId: e.target.value || null })}
        >
          <option value="">All sequences</option>
          {sequences.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </Select>
      </label>
      <label className="w-40 space-y-1 text-sm font-medium text-slate-700">
        <span className="block">Priority</span>
        <Select
          defaultValue={filters.priority ?? ""}
          onChange={(e) => apply({ ...filters, priority: TASK_PRIORITIES.find((p) => p === e.target.value) ?? null })}
        >
          <option value="">Any priority</option>
          {TASK_PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {PRIORITY_LABELS[p]}
            </option>
          ))}
        </Select>
      </label>
      <label className="flex items-center gap-2 pb-2 text-sm font-medium text-slate-700">
        <input
          type="checkbox"
          defaultChecked={filters.overdue}
          onChange={(e) => apply({ ...filters, overdue: e.target.checked })}
          className="size-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-600"
        />
        {filters.status === "completed" ? "Completed late" : "Overdue only"}
      </label>
      {active ? (
        <Link href="/tasks" className="pb-2 text-sm font-medium text-indigo-700 hover:underline">
          Clear filters
        </Link>
      ) : null}
    </div>
  );
}
