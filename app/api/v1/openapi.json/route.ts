// The OpenAPI 3.1 document, public like any API reference (it holds no data), generated from the
// same zod schemas that validate requests.
import { buildOpenApiDocument } from "@/lib/domain/api-openapi";

export const dynamic = "force-static";

export function GET() {
  return Response.json(buildOpenApiDocument(), { headers: { "cache-control": "public, max-age=300" } });
}
