import { API_OPERATIONS } from "@/lib/domain/api-contract";
import { defineRoute } from "@/lib/server/api/define-route";
import { unsubscribeContact } from "@/lib/server/enrollments/unsubscribe-contact";

export const dynamic = "force-dynamic";

export const POST = defineRoute(API_OPERATIONS.unsubscribeContact, async ({ key, params }) => {
  const result = await unsubscribeContact({ actorId: key.actorId, contactId: params.id });
  return {
    contactId: params.id,
    unsubscribedAt: result.unsubscribedAt,
    exitedEnrollmentIds: result.exited,
    keptEnrollmentIds: result.kept,
  };
});
