// API key scopes: what a key may do on /api/v1. `read` reads everything; `enroll` writes contacts
// and enrollments (and inbound events); `sequences` edits drafts and publishes.
export const API_SCOPES = ["read", "enroll", "sequences"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const API_SCOPE_LABELS: Record<ApiScope, string> = {
  read: "Read contacts, enrollments and sequences",
  enroll: "Upsert contacts, enroll, pause/resume/unenroll, record replies and bounces",
  sequences: "Replace drafts and publish versions",
};
