import type { Metadata } from "next";
import { KeysetPager } from "@/components/enrollments/pager";
import { TaskTable } from "@/components/tasks/task-table";
import { PageHeader } from "@/components/ui/page-header";
import { roleAtLeast } from "@/lib/domain/roles";
import { listOpenTasks, parseTaskCursor } from "@/lib/server/enrollment-views/list-open-tasks";
import { currentUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "Tasks" };

export default async function TasksPage({ searchParams }: { searchParams: Promise<{ after?: string | string[] }> }) {
  const raw = (await searchParams).after;
  const cursor = parseTaskCursor(Array.isArray(raw) ? raw[0] : raw);
  const [user, page] = await Promise.all([currentUser(), listOpenTasks({ after: cursor, limit: 50 })]);
  const canEdit = user ? roleAtLeast(user.role, "editor") : false;
  return (
    <>
      <PageHeader
        title="Tasks"
        description="Manual steps waiting for someone on the team, oldest first. Completing one lets its enrollment continue."
      />
      <TaskTable rows={page.rows} canEdit={canEdit} emptyTitle={cursor ? "No more open tasks" : "No open tasks"} />
      <KeysetPager basePath="/tasks" params={{}} cursorParam="after" next={page.next} onFirstPage={!cursor} />
    </>
  );
}
