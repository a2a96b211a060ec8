// The mailbox's URL filters, parsed once for the page and the query. The client filter bar builds the
// same parameters from the zod-free keys in ./mailbox-filter-keys.
import { z } from "zod";
import { MAILBOX_FILTER_KEYS, MAILBOX_SEARCH_MAX } from "./mailbox-filter-keys";
import { MESSAGE_CHANNELS, MESSAGE_STATUSES } from "./message-status";

export { MAILBOX_FILTER_KEYS, MAILBOX_SEARCH_MAX };

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => {
    const time = Date.parse(`${s}T00:00:00Z`);
    return !Number.isNaN(time) && new Date(time).toISOString().startsWith(s);
  });

// Each parameter on its own: a malformed one is dropped (the list shows everything it allows)
// instead of failing the page.
export const mailboxSearchSchema = z.object({
  q: z.string().trim().max(MAILBOX_SEARCH_MAX).nullable().catch(null),
  sequence: z.uuid().nullable().catch(null),
  version: z.uuid().nullable().catch(null),
  channel: z.enum(MESSAGE_CHANNELS).nullable().catch(null),
  status: z.enum(MESSAGE_STATUSES).nullable().catch(null),
  from: isoDay.nullable().catch(null),
  to: isoDay.nullable().catch(null),
  before: z.uuid().nullable().catch(null),
});
export type MailboxSearch = z.output<typeof mailboxSearchSchema>;

type RawSearch = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? null;

export function parseMailboxSearch(raw: RawSearch): MailboxSearch {
  const parsed = mailboxSearchSchema.parse({
    q: first(raw.q),
    sequence: first(raw.sequence),
    version: first(raw.version),
    channel: first(raw.channel),
    status: first(raw.status),
    from: first(raw.from),
    to: first(raw.to),
    before: first(raw.before),
  });
  // A version belongs to one sequence: without the sequence the version filter is meaningless.
  return { ...parsed, q: parsed.q || null, version: parsed.sequence ? parsed.version : null };
}

export function hasMailboxFilters(search: MailboxSearch): boolean {
  return MAILBOX_FILTER_KEYS.some((key) => search[key] !== null);
}
