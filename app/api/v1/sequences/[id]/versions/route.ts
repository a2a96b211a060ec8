import { API_OPERATIONS } from "@/lib/domain/api-contract";
import { defineRoute } from "@/lib/server/api/define-route";
import { getSequenceName } from "@/lib/server/api/reads/get-sequence-name";
import { listVersions } from "@/lib/server/sequences/list-versions";

export const dynamic = "force-dynamic";

export const GET = defineRoute(API_OPERATIONS.listVersions, async ({ params }) => {
  await getSequenceName(params.id);
  const rows = await listVersions(params.id);
  return {
    data: rows.map((r) => ({
      id: r.id,
      number: r.number,
      note: r.note,
      contentHash: r.contentHash,
      publishedAt: r.publishedAt,
      activeEnrollments: r.activeEnrollments,
      totalEnrollments: r.totalEnrollments,
    })),
  };
});
