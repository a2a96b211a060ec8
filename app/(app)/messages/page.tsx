import type { Metadata } from "next";
import Link from "next/link";
import { KeysetPager } from "@/components/enrollments/pager";
import { MailboxFilters } from "@/components/messages/mailbox-filters";
import { MessageTable } from "@/components/messages/message-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { dayRangeInZone } from "@/lib/domain/mailbox-days";
import { hasMailboxFilters, parseMailboxSearch } from "@/lib/domain/mailbox-filter";
import { listMessages } from "@/lib/server/enrollment-views/list-messages";
import { listPublishedSequences } from "@/lib/server/enrollment-views/list-published-sequences";
import { versionFilterOptions } from "@/lib/server/enrollment-views/version-filter-options";
import { getDisplayTimeZone } from "@/lib/server/organization/display-time-zone";
import { currentUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "Mailbox" };

const PAGE_SIZE = 50;
type Search = Record<string, string | string[] | undefined>;

export default async function MailboxPage({ searchParams }: { searchParams: Promise<Search> }) {
  const filters = parseMailboxSearch(await searchParams);
  const user = await currentUser();
  // Days are the user's calendar days: "from 3 March" starts at midnight where they are.
  const zone = user ? await getDisplayTimeZone(user.id) : "UTC";
  const range = dayRangeInZone(filters.from, filters.to, zone);
  const [sequences, versions, page] = await Promise.all([
    listPublishedSequences(),
    filters.sequence ? versionFilterOptions(filters.sequence).then((o) => o.versions) : [],
    listMessages({
      query: filters.q,
      sequenceId: filters.sequence,
      versionId: filters.version,
      channel: filters.channel,
      status: filters.status,
      createdFrom: range.start,
      createdTo: range.end,
      before: filters.before,
      limit: PAGE_SIZE,
    }),
  ]);
  const filtered = hasMailboxFilters(filters);
  return (
    <>
      <PageHeader
        title="Mailbox"
        description="Every email and SMS the sequences produced: who it went to, from which version and step, and whether it was sent."
      />
      <MailboxFilters
        sequences={sequences.map((s) => ({ id: s.id, name: s.name }))}
        versions={versions}
        value={{
          q: filters.q ?? "",
          sequence: filters.sequence ?? "",
          version: filters.version ?? "",
          channel: filters.channel ?? "",
          status: filters.status ?? "",
          from: filters.from ?? "",
          to: filters.to ?? "",
        }}
      />
      {page.rows.length === 0 ? (
        filtered || filters.before ? (
          <EmptyState
            title="No messages match these filters"
            action={
              <Link href="/messages" className="text-sm font-medium text-indigo-700 hover:underline">
                Clear filters
              </Link>
            }
          >
            Dates are days in your time zone ({zone}), both included. Search matches the start of a contact&apos;s name
            or email, or of a subject.
          </EmptyState>
        ) : (
          <EmptyState title="No messages yet">
            Messages appear here as enrolled contacts reach email and SMS steps.
          </EmptyState>
        )
      ) : (
        <>
          <MessageTable rows={page.rows} />
          <KeysetPager
            basePath="/messages"
            params={{
              q: filters.q,
              sequence: filters.sequence,
              version: filters.version,
              channel: filters.channel,
              status: filters.status,
              from: filters.from,
              to: filters.to,
            }}
            cursorParam="before"
            next={page.next}
            onFirstPage={!filters.before}
          />
        </>
      )}
    </>
  );
}
