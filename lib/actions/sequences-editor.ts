"use server";
import { z } from "zod";
import { defineAction } from "@/lib/server/action-client";
import { findPreviewContact } from "@/lib/server/contacts/find-preview-contact";
import { listAttributeKeys } from "@/lib/server/contacts/list-attribute-keys";
import { searchContacts, searchFieldFor } from "@/lib/server/contacts/search-contacts";
import { sendTestMessage } from "@/lib/server/sequences/send-test-message";
import type { PreviewContactOption } from "@/lib/views/editor";

// The editor's helpers: the merge-field picker, the live preview and "send me a test".

export const listMergeFieldsAction = defineAction({
  name: "sequences.mergeFields",
  role: "editor",
  input: z.object({}),
  handler: async () => ({ attributes: await listAttributeKeys() }),
});

export const searchPreviewContactsAction = defineAction({
  name: "sequences.previewContacts",
  role: "editor",
  input: z.object({ query: z.string().max(200, "Search text must be at most 200 characters") }),
  handler: async ({ query }): Promise<PreviewContactOption[]> => {
    const page = await searchContacts({ query, field: searchFieldFor(query), limit: 8 });
    return page.rows.map((r) => ({
      id: r.id,
      email: r.email,
      name: [r.firstName, r.lastName].filter(Boolean).join(" "),
    }));
  },
});

export const previewContactAction = defineAction({
  name: "sequences.previewContact",
  role: "editor",
  input: z.object({ contactId: z.uuid("Unknown contact") }),
  handler: async ({ contactId }) => findPreviewContact(contactId),
});

export const sendTestAction = defineAction({
  name: "sequences.sendTest",
  role: "editor",
  input: z.object({
    sequenceId: z.uuid("Unknown sequence"),
    stepKey: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Unknown step"),
    contactId: z.uuid("Choose a contact to render the test for"),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9][0-9 ().-]{5,22}[0-9]$/, "Enter a phone number such as +44 20 7946 0000")
      .optional(),
  }),
  handler: async (input, { user }) => sendTestMessage({ actor: user, ...input }),
});
