"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { TASK_LIMITS } from "@/lib/domain/tasks";
import { defineAction } from "@/lib/server/action-client";
import { completeTask } from "@/lib/server/enrollments/complete-task";
import { pauseEnrollment } from "@/lib/server/enrollments/pause-enrollment";
import { recordReply } from "@/lib/server/enrollments/record-reply";
import { resumeEnrollment } from "@/lib/server/enrollments/resume-enrollment";
import { unenroll } from "@/lib/server/enrollments/unenroll";
import { unsubscribeContact } from "@/lib/server/enrollments/unsubscribe-contact";

const enrollmentInput = z.object({ enrollmentId: z.uuid() });
const contactInput = z.object({ contactId: z.uuid() });

function revalidateEnrollments() {
  revalidatePath("/enrollments", "layout");
  revalidatePath("/contacts", "layout");
  revalidatePath("/sequences", "layout");
}

export const pauseEnrollmentAction = defineAction({
  name: "enrollments.pause",
  role: "editor",
  input: enrollmentInput,
  handler: async (input, { user }) => {
    const result = await pauseEnrollment({ actorId: user.id, ...input });
    revalidateEnrollments();
    return result;
  },
});

export const resumeEnrollmentAction = defineAction({
  name: "enrollments.resume",
  role: "editor",
  input: enrollmentInput,
  handler: async (input, { user }) => {
    const result = await resumeEnrollment({ actorId: user.id, ...input });
    revalidateEnrollments();
    return result;
  },
});

export const unenrollAction = defineAction({
  name: "enrollments.unenroll",
  role: "editor",
  input: enrollmentInput,
  handler: async (input, { user }) => {
    const result = await unenroll({ actorId: user.id, ...input });
    revalidateEnrollments();
    return result;
  },
});

export const recordReplyAction = defineAction({
  name: "contacts.recordReply",
  role: "editor",
  input: contactInput,
  handler: async (input, { user }) => {
    const result = await recordReply({ actorId: user.id, ...input });
    revalidateEnrollments();
    return result;
  },
});

export const unsubscribeContactAction = defineAction({
  name: "contacts.unsubscribe",
  role: "editor",
  input: contactInput,
  handler: async (input, { user }) => {
    const result = await unsubscribeContact({ actorId: user.id, ...input });
    revalidateEnrollments();
    return result;
  },
});

export const completeTaskAction = defineAction({
  name: "tasks.complete",
  role: "editor",
  input: z.object({
    taskId: z.uuid(),
    note: z
      .string()
      .max(
        TASK_LIMITS.completionNote,
        `The note is limited to ${TASK_LIMITS.completionNote.toLocaleString("en-US")} characters.`,
      )
      .optional(),
  }),
  handler: async (input, { user }) => {
    const result = await completeTask({ actorId: user.id, ...input });
    revalidateEnrollments();
    revalidatePath("/tasks");
    return result;
  },
});
