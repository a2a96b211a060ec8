// Prometheus metrics. Protected by METRICS_TOKEN (`Authorization: Bearer <token>`): without the
// setting the endpoint does not exist (404, like any unknown URL); with it, a missing or wrong
// token is 401. The figures: lib/server/system/render-metrics.ts.
import { createHash, timingSafeEqual } from "node:crypto";
import { observed } from "@/lib/observability/request-context";
import { readSystemFigures } from "@/lib/server/system/read-system-figures";
import { renderMetrics } from "@/lib/server/system/render-metrics";

export const dynamic = "force-dynamic";

const digest = (value: string) => createHash("sha256").update(value).digest();

function tokenMatches(header: string | null, token: string): boolean {
  const given = /^Bearer (.+)$/.exec(header ?? "")?.[1] ?? "";
  return timingSafeEqual(digest(given), digest(token));
}

export async function GET(request: Request) {
  return observed(
    "GET /api/metrics",
    "GET",
    request.headers,
    (r: Response) => r.status,
    async () => {
      const token = process.env.METRICS_TOKEN;
      if (!token) return new Response("Not found", { status: 404 });
      if (!tokenMatches(request.headers.get("authorization"), token))
        return new Response("Unauthorized", {
          status: 401,
          headers: { "WWW-Authenticate": 'Bearer realm="metrics"', "Cache-Control": "no-store" },
        });
      const { contentType, body } = await renderMetrics(await readSystemFigures({ workers: 0 }));
      return new Response(body, { headers: { "Content-Type": contentType, "Cache-Control": "no-store" } });
    },
  );
}
