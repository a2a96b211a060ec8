"use server";
import { z } from "zod";
import { defineAction } from "@/lib/server/action-client";
import { runIntegrityCheck } from "@/lib/server/integrity/run-integrity-check";

/** The auditor's integrity check over the whole database (read-only; it audits that it ran). */
export const runIntegrityCheckAction = defineAction({
  name: "audit.runIntegrityCheck",
  role: "admin",
  input: z.object({}).strict(),
  handler: async (_input, { user }) => runIntegrityCheck({ actorId: user.id }),
});
