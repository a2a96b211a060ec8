// CSV export of the audit log's filtered entries: admins only, checked here by session.
import { parseAuditFilters } from "@/lib/domain/audit-filters";
import { auditCsvLines } from "@/lib/server/audit-log/stream-audit-csv";
import { getDisplayTimeZone } from "@/lib/server/organization/display-time-zone";
import { currentUser } from "@/lib/server/session";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const me = await currentUser();
  if (!me) return Response.json({ error: "unauthenticated" }, { status: 401 });
  if (me.role !== "admin") return Response.json({ error: "forbidden" }, { status: 403 });
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = parseAuditFilters(params, await getDisplayTimeZone(me.id));
  if (!parsed.ok) return Response.json({ error: parsed.error }, { status: 400 });
  const lines = auditCsvLines({ ...parsed.filters, before: null });
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await lines.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-log-${stamp}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
