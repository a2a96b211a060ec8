// Readiness: 200 when the database answers and every migration this build ships is applied,
// else 503 with the reasons (no secrets: the pg error message and migration names). Public, for
// load balancers and orchestrators. lib/server/system/check-readiness.ts.
import { checkReadiness } from "@/lib/server/system/check-readiness";

export const dynamic = "force-dynamic";

export async function GET() {
  const readiness = await checkReadiness();
  return Response.json(
    { status: readiness.ready ? "ready" : "unavailable", ...readiness },
    { status: readiness.ready ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
