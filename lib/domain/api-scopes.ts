import { z } from "zod";

import { API_SCOPES } from "./api-scope-names";

// The zod-free names and labels are in api-scope-names.ts (the key form imports them without zod).
export { API_SCOPE_LABELS, API_SCOPES, type ApiScope } from "./api-scope-names";

/** Every secret starts with this, so leaked keys are easy to recognise (and to scan for). */
export const API_KEY_PREFIX = "seq_live_";
/** Characters of the secret kept in clear (prefix included) to tell keys apart in the list. */
export const API_KEY_DISPLAY_LENGTH = API_KEY_PREFIX.length + 6;

export const apiKeyCreateSchema = z.object({
  name: z.string().trim().min(1, "Name is required").max(100, "Name must be at most 100 characters"),
  scopes: z
    .array(z.enum(API_SCOPES))
    .min(1, "Choose at least one scope")
    .max(API_SCOPES.length * 2, "Too many scopes")
    .transform((s) => [...new Set(s)]),
});
export type ApiKeyCreateInput = z.output<typeof apiKeyCreateSchema>;

/** A syntactically plausible secret: the prefix then 43 base64url characters (32 random bytes). */
export function looksLikeApiKey(secret: string): boolean {
  return /^seq_live_[A-Za-z0-9_-]{43}$/.test(secret);
}
