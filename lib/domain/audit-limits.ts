// The audit log's page size and export limit, zod-free so the client filter bar can show the limit
// without pulling zod into the browser; lib/domain/audit-filters.ts re-exports them.
export const AUDIT_PAGE_SIZE = 50;
/** The CSV export's row limit (the newest matching entries); the page says so next to the button. */
export const AUDIT_EXPORT_LIMIT = 100_000;
