import { API_OPERATIONS } from "@/lib/domain/api-contract";
import { defineRoute } from "@/lib/server/api/define-route";
import { DomainError } from "@/lib/server/errors";
import { findVersion } from "@/lib/server/sequences/find-version";

export const dynamic = "force-dynamic";

export const GET = defineRoute(API_OPERATIONS.getVersion, async ({ params }) => {
  const version = await findVersion(params.id, params.number);
  if (!version) throw new DomainError(`This sequence has no version ${params.number}.`, "not_found");
  return {
    id: version.id,
    sequenceId: version.sequenceId,
    number: version.number,
    note: version.note,
    contentHash: version.contentHash,
    publishedAt: version.publishedAt,
    parentVersionId: version.parentVersionId,
    content: version.content,
  };
});
