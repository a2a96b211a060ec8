// The mailbox filter bar's parameter names and limits, zod-free so the client filter bar can import
// them without pulling zod into the browser; lib/domain/mailbox-filter.ts parses with them.
export const MAILBOX_SEARCH_MAX = 200;

export const MAILBOX_FILTER_KEYS = ["q", "sequence", "version", "channel", "status", "from", "to"] as const;
