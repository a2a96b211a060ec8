"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Select } from "@/components/ui/field";
import { reassignTaskAction, setTaskPriorityAction } from "@/lib/actions/tasks";
import { PRIORITY_LABELS, TASK_PRIORITIES, type TaskPriority } from "@/lib/domain/tasks";
import type { TaskAssigneeOption } from "@/lib/views/tasks";

type Report = (message: string) => void;

/** Runs one change, shows the chosen value at once and puts the old one back if the server refuses. */
function useInlineChange<T>(initial: T, report: Report) {
  const router = useRouter();
  const [value, setValue] = useState(initial);
  const [pending, startTransition] = useTransition();
  const change = (next: T, run: () => Promise<{ ok: true } | { ok: false; error: string }>, done: string) => {
    const before = value;
    setValue(next);
    startTransition(async () => {
      const result = await run();
      if (!result.ok) {
        setValue(before);
        report(result.error);
        return;
      }
      report(done);
      router.refresh();
    });
  };
  return { value, pending, change };
}

const UNASSIGNED = "";

export function AssigneeSelect({
  taskId,
  label,
  assigneeId,
  assigneeName,
  assignees,
  onReport,
}: {
  taskId: string;
  /** Names the task for screen readers ("Assignee of “Call” for ann@example.com"). */
  label: string;
  assigneeId: string | null;
  assigneeName: string | null;
  assignees: TaskAssigneeOption[];
  onReport: Report;
}) {
  const { value, pending, change } = useInlineChange(assigneeId ?? UNASSIGNED, onReport);
  // Someone who is no longer an editor keeps showing as the assignee until the task is reassigned.
  const options =
    assigneeId && !assignees.some((a) => a.id === assigneeId)
      ? [...assignees, { id: assigneeId, name: assigneeName ?? "Former user", email: "" }]
      : assignees;
  return (
    <Select
      aria-label={label}
      value={value}
      disabled={pending}
      className="max-w-40 min-w-36"
      onChange={(e) => {
        const next = e.target.value;
        const name = options.find((a) => a.id === next)?.name;
        change(
          next,
          () => reassignTaskAction({ taskId, assigneeId: next === UNASSIGNED ? null : next }),
          name ? `Assigned to ${name}.` : "The task is now unassigned.",
        );
      }}
    >
      <option value={UNASSIGNED}>Unassigned</option>
      {options.map((a) => (
        <option key={a.id} value={a.id}>
          {a.name}
        </option>
      ))}
    </Select>
  );
}

export function PrioritySelect({
  taskId,
  label,
  priority,
  onReport,
}: {
  taskId: string;
  label: string;
  priority: TaskPriority;
  onReport: Report;
}) {
  const { value, pending, change } = useInlineChange(priority, onReport);
  return (
    <Select
      aria-label={label}
      value={value}
      disabled={pending}
      className="max-w-32 min-w-28"
      onChange={(e) => {
        const next = TASK_PRIORITIES.find((p) => p === e.target.value) ?? "normal";
        change(
          next,
          () => setTaskPriorityAction({ taskId, priority: next }),
          `Priority set to ${PRIORITY_LABELS[next].toLowerCase()}.`,
        );
      }}
    >
      {TASK_PRIORITIES.map((p) => (
        <option key={p} value={p}>
          {PRIORITY_LABELS[p]}
        </option>
      ))}
    </Select>
  );
}
