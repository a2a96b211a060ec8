"use server";
import { z } from "zod";
import { defineAction } from "@/lib/server/action-client";
import { listPublishedSequences } from "@/lib/server/enrollment-views/list-published-sequences";

// Reads for client components (TanStack Query). Viewers may read what editors see.
export const enrollableSequencesAction = defineAction({
  name: "enrollments.enrollableSequences",
  role: "viewer",
  input: z.object({}),
  handler: async () => (await listPublishedSequences()).filter((s) => s.status !== "archived"),
});
