import { API_OPERATIONS } from "@/lib/domain/api-contract";
import { defineRoute } from "@/lib/server/api/define-route";
import { pauseEnrollment } from "@/lib/server/enrollments/pause-enrollment";

export const dynamic = "force-dynamic";

export const POST = defineRoute(API_OPERATIONS.pauseEnrollment, async ({ key, params }) => {
  const { id, status } = await pauseEnrollment({ actorId: key.actorId, enrollmentId: params.id });
  return { id, status };
});
