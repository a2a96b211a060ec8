import { API_OPERATIONS } from "@/lib/domain/api-contract";
import { defineRoute } from "@/lib/server/api/define-route";
import { findApiContact } from "@/lib/server/api/reads/find-api-contact";
import { DomainError } from "@/lib/server/errors";

export const dynamic = "force-dynamic";

export const GET = defineRoute(API_OPERATIONS.getContact, async ({ params }) => {
  const contact = await findApiContact(params.id);
  if (!contact) throw new DomainError("That contact does not exist.", "not_found");
  return contact;
});
