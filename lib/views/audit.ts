// What the audit log page hands to its components (type-only).
import type { IntegrityReport } from "@/lib/domain/integrity";

export type AuditEntryView = {
  id: string;
  at: Date;
  actor: { id: string; name: string; email: string } | null;
  action: string;
  entityType: string;
  entityId: string | null;
  summary: string;
  /** The entry's payload with anything secret-looking replaced by "[redacted]". */
  detail: unknown;
};

/** The filters as chosen (strings as in the URL; times are wall-clock in the viewer's zone). */
export type AuditFilterValues = {
  actor: string;
  action: string;
  entity: string;
  from: string;
  to: string;
};

export type AuditFacets = {
  actions: string[];
  entityTypes: string[];
  actors: { id: string; name: string; email: string }[];
};

export type AuditPage = {
  entries: AuditEntryView[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextCursor: string | null;
};

export type { IntegrityReport };
