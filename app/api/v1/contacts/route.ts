import { API_OPERATIONS } from "@/lib/domain/api-contract";
import { defineRoute } from "@/lib/server/api/define-route";
import { findApiContact } from "@/lib/server/api/reads/find-api-contact";
import { listApiContacts } from "@/lib/server/api/reads/list-api-contacts";
import { upsertContacts } from "@/lib/server/contacts/upsert-contacts";

export const dynamic = "force-dynamic";

export const GET = defineRoute(API_OPERATIONS.listContacts, ({ query }) => listApiContacts(query));

export const POST = defineRoute(API_OPERATIONS.upsertContact, async ({ key, body }) => {
  const [upserted] = await upsertContacts({ actorId: key.actorId, contacts: [body], via: `API key ${key.name}` });
  const contact = upserted ? await findApiContact(upserted.id) : null;
  if (!upserted || !contact) throw new Error("upserted contact vanished");
  return { contact, created: upserted.created };
});
