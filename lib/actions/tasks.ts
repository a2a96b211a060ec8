"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { TASK_PRIORITIES } from "@/lib/domain/tasks";
import { defineAction } from "@/lib/server/action-client";
import { reassignTask } from "@/lib/server/tasks/reassign-task";
import { setTaskDue } from "@/lib/server/tasks/set-task-due";
import { setTaskPriority } from "@/lib/server/tasks/set-task-priority";

// Due dates further than this are a typo, not a plan.
const FAR_FUTURE_MS = 5 * 366 * 24 * 60 * 60 * 1000;

function revalidateTasks() {
  revalidatePath("/tasks");
  revalidatePath("/");
}

export const reassignTaskAction = defineAction({
  name: "tasks.reassign",
  role: "editor",
  input: z.object({ taskId: z.uuid(), assigneeId: z.uuid().nullable() }),
  handler: async (input, { user }) => {
    const result = await reassignTask({ actorId: user.id, ...input });
    revalidateTasks();
    return result;
  },
});

export const setTaskDueAction = defineAction({
  name: "tasks.setDue",
  role: "editor",
  input: z.object({
    taskId: z.uuid(),
    dueAt: z.iso
      .datetime({ offset: true, message: "The due date must be a date and time." })
      .refine((v) => Math.abs(new Date(v).getTime() - Date.now()) < FAR_FUTURE_MS, {
        message: "The due date must be within five years.",
      }),
  }),
  handler: async (input, { user }) => {
    const result = await setTaskDue({ actorId: user.id, taskId: input.taskId, dueAt: new Date(input.dueAt) });
    revalidateTasks();
    return result;
  },
});

export const setTaskPriorityAction = defineAction({
  name: "tasks.setPriority",
  role: "editor",
  input: z.object({ taskId: z.uuid(), priority: z.enum(TASK_PRIORITIES) }),
  handler: async (input, { user }) => {
    const result = await setTaskPriority({ actorId: user.id, ...input });
    revalidateTasks();
    return result;
  },
});
