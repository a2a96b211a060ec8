import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";

// The key that signs recipient-facing links (tracking, unsubscribe), shared by the app servers
// and the workers: derived from SEQUENCER_SIGNING_SECRET, or NEXTAUTH_SECRET when that is unset,
// so a deployment that already sets the session secret needs nothing more. HKDF keeps it distinct
// from the session key. Development and tests without either use a fixed, public key.
const DEVELOPMENT_SECRET = "sequencer-development-signing-secret (not for production)";
const encoder = new TextEncoder();
let cached: { secret: string; key: Uint8Array } | null = null;

export function signingKey(): Uint8Array {
  const secret = process.env.SEQUENCER_SIGNING_SECRET || process.env.NEXTAUTH_SECRET;
  if (!secret && process.env.NODE_ENV === "production") {
    throw new Error("Set SEQUENCER_SIGNING_SECRET or NEXTAUTH_SECRET: it signs tracking and unsubscribe links.");
  }
  const value = secret || DEVELOPMENT_SECRET;
  if (cached?.secret !== value) {
    cached = {
      secret: value,
      key: hkdf(sha256, encoder.encode(value), undefined, encoder.encode("sequencer links v1"), 32),
    };
  }
  return cached.key;
}
