"use server";
import { z } from "zod";
import { defineAction } from "@/lib/server/action-client";
import { runIntegrityCheck } from "@/lib/server/integrity/run-integrity-check";

/**
 * The auditor's integrity check over the whole database (read-only; it audits that it ran). It reads
 * every version and timeline row, so it runs only when asked explicitly (`run: true`).
 */
export const runIntegrityCheckAction = defineAction({
  name: "audit.runIntegrityCheck",
  role: "admin",
  input: z.object({ run: z.literal(true) }).strict(),
  handler: async (_input, { user }) => runIntegrityCheck({ actorId: user.id }),
});
