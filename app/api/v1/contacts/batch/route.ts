import { API_OPERATIONS } from "@/lib/domain/api-contract";
import { defineRoute } from "@/lib/server/api/define-route";
import { upsertContacts } from "@/lib/server/contacts/upsert-contacts";

export const dynamic = "force-dynamic";

export const POST = defineRoute(API_OPERATIONS.upsertContactBatch, async ({ key, body }) => {
  const contacts = await upsertContacts({ actorId: key.actorId, contacts: body.contacts, via: `API key ${key.name}` });
  const created = contacts.filter((c) => c.created).length;
  return { received: body.contacts.length, created, updated: contacts.length - created, contacts };
});
