"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { draftContentSchema } from "@/lib/domain/draft";
import { defineAction } from "@/lib/server/action-client";
import { archiveSequence } from "@/lib/server/sequences/archive-sequence";
import { createSequence } from "@/lib/server/sequences/create-sequence";
import { enrollContacts } from "@/lib/server/sequences/enroll-contacts";
import { publishVersion } from "@/lib/server/sequences/publish-version";
import { restoreVersion } from "@/lib/server/sequences/restore-version";
import { saveDraft } from "@/lib/server/sequences/save-draft";

const sequenceId = z.uuid("Unknown sequence");

export const createSequenceAction = defineAction({
  name: "sequences.create",
  role: "editor",
  input: z.object({
    name: z.string().trim().min(1, "Name is required").max(120, "Name must be at most 120 characters"),
    description: z.string().trim().max(1000).default(""),
  }),
  handler: async (input, { user }) => {
    const created = await createSequence({ actorId: user.id, ...input });
    revalidatePath("/sequences");
    return created;
  },
});

export const saveDraftAction = defineAction({
  name: "sequences.saveDraft",
  role: "editor",
  input: z.object({ sequenceId, revision: z.number().int().min(0), draft: draftContentSchema }),
  handler: async (input, { user }) => saveDraft({ actorId: user.id, ...input }),
});

export const publishVersionAction = defineAction({
  name: "sequences.publish",
  role: "editor",
  input: z.object({
    sequenceId,
    note: z
      .string()
      .trim()
      .min(1, "Write a note: what changed and why")
      .max(500, "Note must be at most 500 characters"),
    expectedRevision: z.number().int().min(0).optional(),
  }),
  handler: async (input, { user }) => {
    const result = await publishVersion({ actorId: user.id, ...input });
    revalidatePath(`/sequences/${input.sequenceId}`);
    revalidatePath("/sequences");
    return result;
  },
});

export const restoreVersionAction = defineAction({
  name: "sequences.restore",
  role: "editor",
  input: z.object({ sequenceId, versionId: z.uuid() }),
  handler: async (input, { user }) => {
    const result = await restoreVersion({ actorId: user.id, ...input });
    revalidatePath(`/sequences/${input.sequenceId}`);
    return result;
  },
});

export const archiveSequenceAction = defineAction({
  name: "sequences.archive",
  role: "editor",
  input: z.object({ sequenceId }),
  handler: async (input, { user }) => {
    const result = await archiveSequence({ actorId: user.id, ...input });
    revalidatePath("/sequences");
    return result;
  },
});

export const enrollContactsAction = defineAction({
  name: "sequences.enroll",
  role: "editor",
  input: z.object({
    sequenceId,
    contactIds: z
      .array(z.uuid())
      .min(1, "Choose at least one contact")
      .max(100_000, "At most 100,000 contacts per call"),
  }),
  handler: async (input, { user }) => {
    const result = await enrollContacts({ actorId: user.id, ...input });
    revalidatePath("/enrollments");
    return result;
  },
});
