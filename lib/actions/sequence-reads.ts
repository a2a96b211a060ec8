"use server";
import { z } from "zod";
import { defineAction } from "@/lib/server/action-client";
import { publishImpact } from "@/lib/server/sequences/publish-impact";

// Reads for client components (TanStack Query). Viewers may read everything an editor sees.
export const publishImpactAction = defineAction({
  name: "sequences.publishImpact",
  role: "viewer",
  input: z.object({ sequenceId: z.uuid("Unknown sequence") }),
  handler: async (input) => publishImpact(input.sequenceId),
});
