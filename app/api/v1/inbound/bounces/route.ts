import { API_OPERATIONS } from "@/lib/domain/api-contract";
import { defineRoute } from "@/lib/server/api/define-route";
import { getContactIdByEmail } from "@/lib/server/api/reads/get-contact-id-by-email";
import { recordBounce } from "@/lib/server/enrollments/record-bounce";

export const dynamic = "force-dynamic";

export const POST = defineRoute(API_OPERATIONS.recordBounce, async ({ key, body }) => {
  const contactId = await getContactIdByEmail(body.email);
  const result = await recordBounce({ actorId: key.actorId, contactId, kind: body.kind, reason: body.reason });
  return { contactId, exitedEnrollmentIds: [], failedEnrollmentIds: result.failed, keptEnrollmentIds: result.kept };
});
