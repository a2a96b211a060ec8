import { API_OPERATIONS } from "@/lib/domain/api-contract";
import { defineRoute } from "@/lib/server/api/define-route";
import { createSequenceFromDocument } from "@/lib/server/sequences/create-sequence-from-document";
import { listSequences } from "@/lib/server/sequences/list-sequences";

export const dynamic = "force-dynamic";

export const GET = defineRoute(API_OPERATIONS.listSequences, async ({ query }) => {
  const rows = await listSequences({ includeArchived: query.includeArchived === "true" });
  return {
    data: rows.map((r) => ({
      id: r.id,
      name: r.name,
      status: r.status,
      activeVersionNumber: r.activeVersionNumber,
      activeEnrollments: r.activeEnrollments,
      stepCount: r.stepCount,
      lastPublishedAt: r.lastPublishedAt,
      updatedAt: r.updatedAt,
    })),
  };
});

export const POST = defineRoute(API_OPERATIONS.createSequence, ({ key, body }) =>
  createSequenceFromDocument({ actorId: key.actorId, document: body.document }),
);
