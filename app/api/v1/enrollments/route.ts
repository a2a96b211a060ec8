import { API_OPERATIONS } from "@/lib/domain/api-contract";
import { defineRoute } from "@/lib/server/api/define-route";
import { listApiEnrollments } from "@/lib/server/api/reads/list-api-enrollments";
import { listInFlightOfContacts } from "@/lib/server/api/reads/list-in-flight-of-contacts";
import { upsertContacts } from "@/lib/server/contacts/upsert-contacts";
import { enrollContacts } from "@/lib/server/sequences/enroll-contacts";

export const dynamic = "force-dynamic";

export const GET = defineRoute(API_OPERATIONS.listEnrollments, ({ query }) => listApiEnrollments(query));

export const POST = defineRoute(API_OPERATIONS.enrollContacts, async ({ key, body }) => {
  const upserted = await upsertContacts({ actorId: key.actorId, contacts: body.contacts, via: `API key ${key.name}` });
  const contactIds = [...body.contactIds, ...upserted.map((c) => c.id)];
  const result = await enrollContacts({ actorId: key.actorId, sequenceId: body.sequenceId, contactIds });
  const enrollments = await listInFlightOfContacts(body.sequenceId, [...new Set(contactIds)]);
  return { sequenceId: body.sequenceId, ...result, enrollments };
});
