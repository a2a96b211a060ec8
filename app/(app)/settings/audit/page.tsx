import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { IntegrityPanel } from "@/components/audit/integrity-panel";
import { PageHeader } from "@/components/ui/page-header";
import { parseAuditFilters } from "@/lib/domain/audit-filters";
import { listAuditEntries } from "@/lib/server/audit-log/list-audit-entries";
import { listAuditFacets } from "@/lib/server/audit-log/list-audit-facets";
import { getDisplayTimeZone } from "@/lib/server/organization/display-time-zone";
import { currentUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "Audit log" };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function AuditLogPage({ searchParams }: { searchParams?: Promise<SearchParams> } = {}) {
  const me = await currentUser();
  if (me?.role !== "admin") notFound();
  const params = (await searchParams) ?? {};
  const zone = await getDisplayTimeZone(me.id);
  const parsed = parseAuditFilters(params, zone);
  const values = parsed.ok ? parsed.values : { actor: "", action: "", entity: "", from: "", to: "" };
  const [page, facets] = await Promise.all([
    parsed.ok ? listAuditEntries(parsed.filters) : Promise.resolve({ entries: [], nextCursor: null }),
    listAuditFacets(),
  ]);
  const href = (extra: Record<string, string>) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...values, ...extra })) if (v) q.set(k, v);
    const s = q.toString();
    return s ? `/settings/audit?${s}` : "/settings/audit";
  };
  return (
    <>
      <PageHeader
        title="Audit log"
        description={`Who did what to which entity, and when (times in ${zone}). Entries are written in the same transaction as the change they record.`}
      />
      <IntegrityPanel />
      <AuditFilters values={values} facets={facets} zone={zone} />
      {parsed.ok ? null : (
        <p role="alert" className="mb-4 text-sm text-red-700">
          {parsed.error}
        </p>
      )}
      <AuditTable
        entries={page.entries}
        nextHref={page.nextCursor ? href({ before: page.nextCursor }) : null}
        firstHref={parsed.ok && parsed.filters.before ? href({}) : null}
      />
    </>
  );
}
