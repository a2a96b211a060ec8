import { API_OPERATIONS } from "@/lib/domain/api-contract";
import { defineRoute } from "@/lib/server/api/define-route";
import { getContactIdByEmail } from "@/lib/server/api/reads/get-contact-id-by-email";
import { recordReply } from "@/lib/server/enrollments/record-reply";

export const dynamic = "force-dynamic";

export const POST = defineRoute(API_OPERATIONS.recordReply, async ({ key, body }) => {
  const contactId = await getContactIdByEmail(body.email);
  const result = await recordReply({ actorId: key.actorId, contactId });
  return { contactId, exitedEnrollmentIds: result.exited, failedEnrollmentIds: [], keptEnrollmentIds: result.kept };
});
