"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/server/action-client";
import { contactInputSchema, contactUpdateSchema, importBatchSchema } from "@/lib/domain/contact-input";
import { importIdSchema, stageImportSchema, startImportSchema } from "@/lib/domain/contact-import";
import { importContacts } from "@/lib/server/contacts/import-contacts";
import { commitContactImport } from "@/lib/server/contacts/commit-contact-import";
import { discardContactImport } from "@/lib/server/contacts/discard-contact-import";
import { stageContactImport } from "@/lib/server/contacts/stage-contact-import";
import { startContactImport } from "@/lib/server/contacts/start-contact-import";
import { countMatchingContacts } from "@/lib/server/contacts/count-matching-contacts";
import { matchingContactIds, MATCHING_PAGE_MAX } from "@/lib/server/contacts/matching-contact-ids";
import { createContact, updateContact } from "@/lib/server/contacts/save-contact";

const searchInput = z.object({ query: z.string().max(200).default(""), field: z.enum(["name", "email"]) });

export const createContactAction = defineAction({
  name: "contacts.create",
  role: "editor",
  input: contactInputSchema,
  handler: async (contact, { user }) => {
    const created = await createContact({ actorId: user.id, contact });
    revalidatePath("/contacts");
    return created;
  },
});

export const updateContactAction = defineAction({
  name: "contacts.update",
  role: "editor",
  input: z.object({ contactId: z.uuid(), contact: contactUpdateSchema }),
  handler: async (input, { user }) => {
    const updated = await updateContact({ actorId: user.id, ...input });
    revalidatePath("/contacts");
    return updated;
  },
});

/** One batch of a CSV import (the client validated every row first; the server validates again). */
export const importContactsBatchAction = defineAction({
  name: "contacts.importBatch",
  role: "editor",
  input: importBatchSchema.extend({ batchLabel: z.string().max(100).optional() }),
  handler: async (input, { user }) =>
    importContacts({ actorId: user.id, rows: input.rows, batchLabel: input.batchLabel }),
});

// The CSV dialog's import: start, upload every row in batches (staged, not yet contacts), then
// one commit that imports all or nothing, or only the valid rows. Never part of a file.
export const startContactImportAction = defineAction({
  name: "contacts.importStart",
  role: "editor",
  input: startImportSchema,
  handler: async (input, { user }) => startContactImport({ actorId: user.id, ...input }),
});

export const stageContactImportAction = defineAction({
  name: "contacts.importStage",
  role: "editor",
  input: stageImportSchema,
  handler: async (input, { user }) => stageContactImport({ actorId: user.id, ...input }),
});

export const commitContactImportAction = defineAction({
  name: "contacts.importCommit",
  role: "editor",
  input: importIdSchema,
  handler: async (input, { user }) => {
    const outcome = await commitContactImport({ actorId: user.id, importId: input.importId });
    if (outcome.status === "committed") revalidatePath("/contacts");
    return outcome;
  },
});

export const discardContactImportAction = defineAction({
  name: "contacts.importDiscard",
  role: "editor",
  input: importIdSchema,
  handler: async (input, { user }) => {
    await discardContactImport({ actorId: user.id, importId: input.importId });
    return { discarded: true };
  },
});

/** Ids of the contacts matching a search, a page at a time, for "enroll all matching". */
export const matchingContactIdsAction = defineAction({
  name: "contacts.matchingIds",
  role: "editor",
  input: searchInput.extend({
    after: z.string().max(2000).nullable().default(null),
    limit: z.number().int().min(1).max(MATCHING_PAGE_MAX).default(MATCHING_PAGE_MAX),
  }),
  handler: async (input) => matchingContactIds(input),
});

export const countMatchingContactsAction = defineAction({
  name: "contacts.countMatching",
  role: "viewer",
  input: searchInput,
  handler: async (input) => ({ count: await countMatchingContacts(input) }),
});
