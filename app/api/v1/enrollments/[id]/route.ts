import { API_OPERATIONS } from "@/lib/domain/api-contract";
import { defineRoute } from "@/lib/server/api/define-route";
import { findApiEnrollment } from "@/lib/server/api/reads/find-api-enrollment";
import { DomainError } from "@/lib/server/errors";

export const dynamic = "force-dynamic";

export const GET = defineRoute(API_OPERATIONS.getEnrollment, async ({ params }) => {
  const enrollment = await findApiEnrollment(params.id);
  if (!enrollment) throw new DomainError("That enrollment does not exist.", "not_found");
  return enrollment;
});
