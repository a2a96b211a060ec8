import "server-only";
import { signingKey } from "@/lib/config/signing-key";
import { verifyToken } from "@/lib/domain/signed-token";
import { MAX_TRACKED_LINKS } from "@/lib/domain/tracked-email";
import { classifyUserAgent } from "@/lib/domain/user-agent-class";
import { engagementQueue } from "./engagement-queue";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The message (and link) a token names, or null when it is tampered, forged or malformed. */
export function readTrackingToken(
  kind: "open" | "click",
  token: string,
): { messageId: string; position: number | null } | null {
  // A plain-text autolinker may take the sentence's final "." or ")" into the link; a token
  // (base64url "<payload>.<mac>") never ends with one, so trailing punctuation is dropped.
  const payload = verifyToken(signingKey(), kind, token.replace(/[.,;:!?)\]]+$/, ""));
  if (!payload || typeof payload.m !== "string" || !UUID.test(payload.m)) return null;
  if (kind === "open") return { messageId: payload.m, position: null };
  const l = payload.l;
  if (typeof l !== "number" || !Number.isInteger(l) || l < 0 || l >= MAX_TRACKED_LINKS) return null;
  return { messageId: payload.m, position: l };
}

/**
 * Records one open or click through the group commit. Resolves after the flush committed:
 * `recorded` says whether an event was written, `url` is the stored URL of the clicked link
 * (null: unknown message or position). null for an invalid token (nothing recorded).
 */
export async function recordHit(
  kind: "open" | "click",
  token: string,
  userAgent: string | null,
  now = new Date(),
): Promise<{ url: string | null; recorded: boolean } | null> {
  const target = readTrackingToken(kind, token);
  if (!target) return null;
  const ua = classifyUserAgent(userAgent);
  return engagementQueue().record({
    kind,
    messageId: target.messageId,
    position: target.position,
    at: now,
    uaMachine: ua.machine,
    uaClass: ua.cls,
  });
}
