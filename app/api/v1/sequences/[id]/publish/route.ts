import { API_OPERATIONS } from "@/lib/domain/api-contract";
import { defineRoute } from "@/lib/server/api/define-route";
import { publishVersion } from "@/lib/server/sequences/publish-version";

export const dynamic = "force-dynamic";

export const POST = defineRoute(API_OPERATIONS.publishVersion, ({ key, params, body }) =>
  publishVersion({ actorId: key.actorId, sequenceId: params.id, ...body }),
);
