import { API_OPERATIONS } from "@/lib/domain/api-contract";
import { defineRoute } from "@/lib/server/api/define-route";
import { unenroll } from "@/lib/server/enrollments/unenroll";

export const dynamic = "force-dynamic";

export const POST = defineRoute(API_OPERATIONS.unenroll, async ({ key, params }) => {
  const { id, status } = await unenroll({ actorId: key.actorId, enrollmentId: params.id });
  return { id, status };
});
