import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { API_KEY_DISPLAY_LENGTH, API_KEY_PREFIX } from "@/lib/domain/api-scopes";

/** A new secret: the recognisable prefix then 32 random bytes (base64url). Shown once, never stored. */
export function newApiKeySecret(): { secret: string; prefix: string; hash: string } {
  const secret = `${API_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { secret, prefix: secret.slice(0, API_KEY_DISPLAY_LENGTH), hash: hashApiKey(secret) };
}

/** sha256 is enough: the secret has 256 random bits, so there is nothing to brute-force slowly. */
export function hashApiKey(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
