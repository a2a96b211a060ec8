import { API_OPERATIONS } from "@/lib/domain/api-contract";
import { defineRoute } from "@/lib/server/api/define-route";
import { resumeEnrollment } from "@/lib/server/enrollments/resume-enrollment";

export const dynamic = "force-dynamic";

export const POST = defineRoute(API_OPERATIONS.resumeEnrollment, async ({ key, params }) => {
  const { id, status } = await resumeEnrollment({ actorId: key.actorId, enrollmentId: params.id });
  return { id, status };
});
