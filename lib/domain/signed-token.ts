import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";

// Signed, unguessable tokens for links a recipient follows (tracking pixel, click redirect,
// one-click unsubscribe). The token carries its purpose and payload in the clear (base64url
// JSON) and an HMAC-SHA256 over both, truncated to 128 bits: the server recomputes it, so a
// tampered or forged token verifies as null and records nothing. Pure: the caller passes the key
// (lib/config/signing-key.ts).

export type TokenPurpose = "open" | "click" | "unsubscribe";

const encoder = new TextEncoder();
const MAC_BYTES = 16;

function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  const padded = text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4);
  try {
    return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

function mac(key: Uint8Array, purpose: TokenPurpose, body: string): Uint8Array {
  return hmac(sha256, key, encoder.encode(`${purpose}.${body}`)).slice(0, MAC_BYTES);
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** `<payload>.<mac>`, URL-safe. Payload: small JSON (ids, never personal data). */
export function signToken(key: Uint8Array, purpose: TokenPurpose, payload: Record<string, string | number>): string {
  const body = base64url(encoder.encode(JSON.stringify(payload)));
  return `${body}.${base64url(mac(key, purpose, body))}`;
}

/** The payload when the token is well formed and its MAC matches this purpose; otherwise null. */
export function verifyToken(key: Uint8Array, purpose: TokenPurpose, token: string): Record<string, unknown> | null {
  if (token.length > 2048) return null;
  const [body, signature, ...rest] = token.split(".");
  if (!body || !signature || rest.length) return null;
  const given = fromBase64url(signature);
  if (!given || !equal(given, mac(key, purpose, body))) return null;
  const bytes = fromBase64url(body);
  if (!bytes) return null;
  try {
    const payload: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return payload && typeof payload === "object" && !Array.isArray(payload)
      ? (payload as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
