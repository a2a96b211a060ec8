// RFC 9457 problem documents: every error of /api/v1 has this shape (application/problem+json).
export type ProblemSlug =
  | "invalid-request"
  | "unauthenticated"
  | "forbidden"
  | "not-found"
  | "conflict"
  | "unprocessable"
  | "payload-too-large"
  | "unsupported-media-type"
  | "rate-limited"
  | "internal";

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: Record<string, string[]>;
  details?: unknown;
};

const PROBLEMS: Record<ProblemSlug, { status: number; title: string }> = {
  "invalid-request": { status: 400, title: "Invalid request" },
  unauthenticated: { status: 401, title: "Missing or invalid API key" },
  forbidden: { status: 403, title: "Forbidden" },
  "not-found": { status: 404, title: "Not found" },
  conflict: { status: 409, title: "Conflict" },
  "payload-too-large": { status: 413, title: "Payload too large" },
  "unsupported-media-type": { status: 415, title: "Unsupported media type" },
  unprocessable: { status: 422, title: "Unprocessable request" },
  "rate-limited": { status: 429, title: "Too many requests" },
  internal: { status: 500, title: "Internal error" },
};

export const PROBLEM_TYPE_BASE = "https://sequencer.dev/problems/";

export function problem(
  slug: ProblemSlug,
  detail: string,
  extra: { errors?: Record<string, string[]>; details?: unknown } = {},
): Problem {
  const { status, title } = PROBLEMS[slug];
  return { type: `${PROBLEM_TYPE_BASE}${slug}`, title, status, detail, ...extra };
}

/** Field errors keyed by dotted path ("contacts.3.email"), "_" for the whole body. */
export function fieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]) {
  const out: Record<string, string[]> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "_";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}
