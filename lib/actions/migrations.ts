"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { migrationSelectionSchema, stepMapSchema } from "@/lib/domain/migration-plan";
import { defineAction } from "@/lib/server/action-client";
import { applyMigration, startMigration } from "@/lib/server/migrations/apply-migration";
import { planMigration } from "@/lib/server/migrations/plan-migration";
import { listPreviewCandidates } from "@/lib/server/migrations/list-preview-candidates";
import { previewEnrollment } from "@/lib/server/migrations/preview-enrollment";
import { undoMigration } from "@/lib/server/migrations/undo-migration";

// Moving enrollments is an operator action: editors and admins only, even for the dry run,
// since the dry run and preview reveal which contacts are where.
const ROLE = "editor";

const planInput = z.object({
  sequenceId: z.uuid("Unknown sequence"),
  fromVersionId: z.uuid("Choose the version to move from"),
  toVersionId: z.uuid("Choose the version to move to"),
  stepMap: stepMapSchema,
});

function revalidateMigrationPages(sequenceId: string) {
  revalidatePath(`/sequences/${sequenceId}/migrations`);
  revalidatePath(`/sequences/${sequenceId}`);
  revalidatePath("/enrollments");
}

export const planMigrationAction = defineAction({
  name: "migrations.plan",
  role: ROLE,
  input: planInput.extend({ selection: migrationSelectionSchema }),
  handler: async (input) => planMigration(input),
});

export const listPreviewCandidatesAction = defineAction({
  name: "migrations.previewCandidates",
  role: ROLE,
  input: z.object({
    sequenceId: z.uuid(),
    fromVersionId: z.uuid(),
    stepIndex: z.number().int().min(0).max(10_000).optional(),
    email: z.string().trim().max(200).optional(),
  }),
  handler: async (input) => listPreviewCandidates({ ...input, email: input.email || undefined, limit: 10 }),
});

export const previewEnrollmentAction = defineAction({
  name: "migrations.preview",
  role: ROLE,
  input: planInput.extend({ enrollmentId: z.uuid("Choose an enrollment") }),
  handler: async (input) => previewEnrollment(input),
});

export const startMigrationAction = defineAction({
  name: "migrations.start",
  role: ROLE,
  input: planInput.extend({ selection: migrationSelectionSchema }),
  handler: async (input, { user }) => startMigration({ actorId: user.id, ...input }),
});

/** One or two batches per call, so the page can show progress; call again until done. Resumes an interrupted apply too. */
export const applyMigrationAction = defineAction({
  name: "migrations.apply",
  role: ROLE,
  input: z.object({ migrationId: z.uuid("Unknown migration") }),
  handler: async (input, { user }) => {
    const progress = await applyMigration({ actorId: user.id, migrationId: input.migrationId, maxBatches: 2 });
    if (progress.done) revalidateMigrationPages(progress.sequenceId);
    return progress;
  },
});

export const undoMigrationAction = defineAction({
  name: "migrations.undo",
  role: ROLE,
  input: z.object({ sequenceId: z.uuid(), migrationId: z.uuid("Unknown migration") }),
  handler: async (input, { user }) => {
    const result = await undoMigration({
      actorId: user.id,
      migrationId: input.migrationId,
      sequenceId: input.sequenceId,
    });
    revalidateMigrationPages(input.sequenceId);
    return result;
  },
});
