import { API_OPERATIONS } from "@/lib/domain/api-contract";
import { diffSteps } from "@/lib/domain/version-diff";
import { defineRoute } from "@/lib/server/api/define-route";
import { DomainError } from "@/lib/server/errors";
import { findVersion } from "@/lib/server/sequences/find-version";

export const dynamic = "force-dynamic";

export const GET = defineRoute(API_OPERATIONS.diffVersions, async ({ params, query }) => {
  const [from, to] = await Promise.all([findVersion(params.id, query.from), findVersion(params.id, query.to)]);
  if (!from) throw new DomainError(`This sequence has no version ${query.from}.`, "not_found");
  if (!to) throw new DomainError(`This sequence has no version ${query.to}.`, "not_found");
  return { from: from.number, to: to.number, ...diffSteps(from.content.steps, to.content.steps) };
});
