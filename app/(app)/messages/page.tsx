import type { Metadata } from "next";
import { z } from "zod";
import { KeysetPager } from "@/components/enrollments/pager";
import { MailboxFilters } from "@/components/messages/mailbox-filters";
import { MessageTable } from "@/components/messages/message-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { MESSAGE_STATUSES } from "@/lib/domain/message-status";
import { listMessages } from "@/lib/server/enrollment-views/list-messages";
import { listPublishedSequences } from "@/lib/server/enrollment-views/list-published-sequences";

export const metadata: Metadata = { title: "Mailbox" };

const PAGE_SIZE = 50;
const uuid = z.uuid().nullable().catch(null);
const searchSchema = z.object({
  sequence: uuid,
  status: z.enum(MESSAGE_STATUSES).nullable().catch(null),
  before: uuid,
});
type Search = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? null;

export default async function MailboxPage({ searchParams }: { searchParams: Promise<Search> }) {
  const raw = await searchParams;
  const filters = searchSchema.parse({
    sequence: first(raw.sequence),
    status: first(raw.status),
    before: first(raw.before),
  });
  const [sequences, page] = await Promise.all([
    listPublishedSequences(),
    listMessages({ sequenceId: filters.sequence, status: filters.status, before: filters.before, limit: PAGE_SIZE }),
  ]);
  return (
    <>
      <PageHeader
        title="Mailbox"
        description="Every email and SMS the sequences produced: who it went to, from which version and step, and whether it was sent."
      />
      <MailboxFilters
        sequences={sequences.map((s) => ({ id: s.id, name: s.name }))}
        value={{ sequence: filters.sequence ?? "", status: filters.status ?? "" }}
      />
      {page.rows.length === 0 ? (
        <EmptyState
          title={filters.sequence || filters.status || filters.before ? "No messages match" : "No messages yet"}
        >
          Messages appear here as enrolled contacts reach email and SMS steps.
        </EmptyState>
      ) : (
        <>
          <MessageTable rows={page.rows} />
          <KeysetPager
            basePath="/messages"
            params={{ sequence: filters.sequence, status: filters.status }}
            cursorParam="before"
            next={page.next}
            onFirstPage={!filters.before}
          />
        </>
      )}
    </>
  );
}
