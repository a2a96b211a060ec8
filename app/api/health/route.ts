// Liveness: the process is up and answering. Public, no database (a load balancer's health check;
// readiness, with the database, is /api/ready).
export const dynamic = "force-dynamic";

const started = Date.now();

export function GET() {
  return Response.json(
    { status: "ok", uptimeSeconds: Math.round((Date.now() - started) / 1000) },
    { headers: { "Cache-Control": "no-store" } },
  );
}
