import "server-only";
import type { TaskAssigneeOption } from "@/lib/views/tasks";
import { db } from "../db";

/** Who a task can be given to: editors and admins (a viewer cannot complete a task), by name. */
export async function listAssignees(): Promise<TaskAssigneeOption[]> {
  return db().user.findMany({
    where: { role: { in: ["editor", "admin"] } },
    select: { id: true, name: true, email: true },
    orderBy: [{ name: "asc" }, { email: "asc" }],
  });
}
