// What the tasks page hands to its components (type-only; see lib/views/enrollments.ts).
import type { EnrollmentStatus } from "@/lib/domain/enrollment-status";
import type { TaskPriority } from "@/lib/domain/tasks";

export type TaskRow = {
  id: string;
  title: string;
  note: string;
  createdAt: Date;
  dueAt: Date;
  overdue: boolean;
  priority: TaskPriority;
  assigneeId: string | null;
  assigneeName: string | null;
  completedAt: Date | null;
  completedByName: string | null;
  completionNote: string | null;
  stepKey: string;
  stepName: string;
  enrollmentId: string;
  enrollmentStatus: EnrollmentStatus;
  contactId: string;
  email: string;
  name: string;
  sequenceId: string;
  sequenceName: string;
  versionNumber: number;
};

/** @deprecated name kept for imports written before filters: every row of the tasks page. */
export type OpenTaskRow = TaskRow;

export type TaskAssigneeOption = { id: string; name: string; email: string };
