// Standard Webhooks signatures (https://www.standardwebhooks.com): HMAC-SHA256 over
// "<webhook-id>.<webhook-timestamp>.<body>" with the secret's bytes, base64, prefixed "v1,".
// Secrets are "whsec_" + base64 of 32 random bytes. During a rotation's overlap every live secret
// signs, space-separated, so receivers holding either secret accept the request.
import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { utf8ToBytes } from "@noble/hashes/utils.js";

export const SECRET_PREFIX = "whsec_";
/** How long the secret before a rotation keeps signing. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

export function generateWebhookSecret(random: (n: number) => Uint8Array = defaultRandom): string {
  return SECRET_PREFIX + toBase64(random(32));
}

function defaultRandom(n: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(n));
}

export function secretBytes(secret: string): Uint8Array {
  if (!secret.startsWith(SECRET_PREFIX)) throw new Error("A webhook secret starts with whsec_");
  return fromBase64(secret.slice(SECRET_PREFIX.length));
}

/** One `v1,<base64>` signature. */
export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  const mac = hmac(sha256, secretBytes(secret), utf8ToBytes(`${id}.${timestampSeconds}.${body}`));
  return `v1,${toBase64(mac)}`;
}

export type WebhookSigner = typeof signWebhook;

/**
 * The three Standard Webhooks headers, signed with every live secret. The worker passes a
 * node:crypto signer (same output, several times faster than this portable one).
 */
export function webhookHeaders(options: {
  id: string;
  timestampSeconds: number;
  body: string;
  secrets: readonly string[];
  sign?: WebhookSigner;
}): Record<string, string> {
  const sign = options.sign ?? signWebhook;
  return {
    "webhook-id": options.id,
    "webhook-timestamp": String(options.timestampSeconds),
    "webhook-signature": options.secrets
      .map((s) => sign(s, options.id, options.timestampSeconds, options.body))
      .join(" "),
  };
}

/** The secrets that sign now: the current one, plus the previous one during its overlap. */
export function liveSecrets(endpoint: {
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
  now: Date;
}): string[] {
  const live = [endpoint.secret];
  if (endpoint.previousSecret && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > endpoint.now)
    live.push(endpoint.previousSecret);
  return live;
}

/** A short, non-secret label for a secret in the UI and the audit log. */
export function secretHint(secret: string): string {
  return `${secret.slice(0, SECRET_PREFIX.length + 4)}…`;
}
