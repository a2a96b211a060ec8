import type { Metadata } from "next";
import { KeysetPager } from "@/components/enrollments/pager";
import { TaskFilterBar } from "@/components/tasks/task-filters";
import { TaskTable } from "@/components/tasks/task-table";
import { PageHeader } from "@/components/ui/page-header";
import { roleAtLeast } from "@/lib/domain/roles";
import { emptyTasksTitle, NO_TASK_FILTERS, parseTaskFilters, taskFilterParams } from "@/lib/domain/tasks";
import { listPublishedSequences } from "@/lib/server/enrollment-views/list-published-sequences";
import { listTasks, parseTaskCursor } from "@/lib/server/enrollment-views/list-open-tasks";
import { listAssignees } from "@/lib/server/tasks/list-assignees";
import { currentUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "Tasks" };

// The (app) layout signs everyone in; without a user "mine" matches nothing.
const NOBODY = "00000000-0000-0000-0000-000000000000";

export default async function TasksPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const filters = parseTaskFilters(params);
  const raw = params.after;
  const cursor = parseTaskCursor(Array.isArray(raw) ? raw[0] : raw);
  const user = await currentUser();
  const [page, assignees, sequences] = await Promise.all([
    listTasks({ filters, userId: user?.id ?? NOBODY, now: new Date(), after: cursor, limit: 50 }),
    listAssignees(),
    listPublishedSequences(),
  ]);
  const canEdit = user ? roleAtLeast(user.role, "editor") : false;
  const filtered = JSON.stringify(filters) !== JSON.stringify(NO_TASK_FILTERS);
  return (
    <>
      <PageHeader
        title="Tasks"
        description={
          filters.status === "completed"
            ? "Completed manual steps, most recently completed first, with the note left on each."
            : "Manual steps waiting for someone on the team, soonest due first. Completing one lets its enrollment continue."
        }
      />
      <TaskFilterBar key={JSON.stringify(filters)} filters={filters} assignees={assignees} sequences={sequences} />
      <TaskTable
        rows={page.rows}
        canEdit={canEdit}
        assignees={assignees}
        emptyTitle={cursor ? "No more tasks" : emptyTasksTitle(filters)}
        emptyHint={
          filtered
            ? "Change or clear the filters to see other tasks."
            : "Task steps create a to-do here when a contact reaches them."
        }
      />
      <KeysetPager
        basePath="/tasks"
        params={taskFilterParams(filters)}
        cursorParam="after"
        next={page.next}
        onFirstPage={!cursor}
      />
    </>
  );
}
