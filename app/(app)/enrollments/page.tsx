import type { Metadata } from "next";
import { z } from "zod";
import { EnrollmentFilters } from "@/components/enrollments/enrollment-filters";
import { EnrollmentTable } from "@/components/enrollments/enrollment-table";
import { KeysetPager } from "@/components/enrollments/pager";
import { VersionCounts } from "@/components/enrollments/version-counts";
import { stepSummary } from "@/components/steps/step-meta";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ENROLLMENT_STATUSES } from "@/lib/domain/enrollment-status";
import { listPublishedSequences } from "@/lib/server/enrollment-views/list-published-sequences";
import { listEnrollments } from "@/lib/server/enrollment-views/list-enrollments";
import { COUNT_REUSE_MS } from "@/lib/server/cache/count-reuse";
import { versionCounts } from "@/lib/server/enrollment-views/version-counts";
import { versionFilterOptions } from "@/lib/server/enrollment-views/version-filter-options";

export const metadata: Metadata = { title: "Enrollments" };

const PAGE_SIZE = 50;

// The URL is user input: anything malformed is ignored rather than failing the page.
const uuid = z.uuid().nullable().catch(null);
const searchSchema = z.object({
  sequence: uuid,
  version: uuid,
  status: z.enum(ENROLLMENT_STATUSES).nullable().catch(null),
  step: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .nullable()
    .catch(null),
  contact: uuid,
  // "pending": only enrollments with a message still queued for delivery.
  delivery: z.enum(["pending"]).nullable().catch(null),
  before: uuid,
});

type Search = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? null;

export default async function EnrollmentsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const raw = await searchParams;
  const filters = searchSchema.parse({
    sequence: first(raw.sequence),
    version: first(raw.version),
    status: first(raw.status),
    step: first(raw.step),
    contact: first(raw.contact),
    delivery: first(raw.delivery),
    before: first(raw.before),
  });
  const [sequences, page, options, counts] = await Promise.all([
    listPublishedSequences(),
    listEnrollments({
      sequenceId: filters.sequence,
      versionId: filters.sequence ? filters.version : null,
      status: filters.status,
      stepKey: filters.sequence ? filters.step : null,
      contactId: filters.contact,
      delivering: filters.delivery === "pending",
      before: filters.before,
      limit: PAGE_SIZE,
    }),
    filters.sequence
      ? versionFilterOptions(filters.sequence, filters.version)
      : Promise.resolve({ versions: [], steps: [] }),
    filters.sequence ? versionCounts(filters.sequence) : Promise.resolve({ counts: [], ageMs: 0 }),
  ]);
  const filtered = Boolean(filters.sequence || filters.status || filters.contact || filters.delivery);
  const params = {
    sequence: filters.sequence,
    version: filters.version,
    status: filters.status,
    step: filters.step,
    contact: filters.contact,
    delivery: filters.delivery,
  };

  return (
    <>
      <PageHeader
        title="Enrollments"
        description="Every contact in flight, the version it is pinned to, and what comes next."
      />
      <EnrollmentFilters
        sequences={sequences.map((s) => ({ id: s.id, name: s.name }))}
        versions={options.versions}
        steps={options.steps.map((s) => ({ key: s.key, summary: stepSummary(s) }))}
        value={{
          sequence: filters.sequence ?? "",
          version: filters.version ?? "",
          status: filters.status ?? "",
          step: filters.step ?? "",
          delivery: filters.delivery ?? "",
        }}
      />
      {filters.sequence ? (
        <VersionCounts
          sequenceId={filters.sequence}
          counts={counts.counts}
          ageMs={counts.ageMs}
          reuseSeconds={COUNT_REUSE_MS / 1000}
          selectedVersionId={filters.version ?? ""}
        />
      ) : null}
      {page.rows.length === 0 ? (
        filtered || filters.before ? (
          <EmptyState title="No enrollments match">
            Try another version, status or step, or clear the filters.
          </EmptyState>
        ) : (
          <EmptyState title="No enrollments yet">
            Enroll contacts in a published sequence from the Contacts page to see them here.
          </EmptyState>
        )
      ) : (
        <>
          <EnrollmentTable rows={page.rows} showSequence={!filters.sequence} />
          <KeysetPager
            basePath="/enrollments"
            params={params}
            cursorParam="before"
            next={page.next}
            onFirstPage={!filters.before}
          />
        </>
      )}
    </>
  );
}
