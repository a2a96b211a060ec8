import { signToken, verifyToken } from "./signed-token";

// One-click unsubscribe links (`{{unsubscribe_url}}`, the List-Unsubscribe header): a signed
// token, purpose "unsubscribe", whose payload names the contact either directly (the runner
// renders the body: contact + enrollment) or through the message (the SMTP transport only knows
// the message). Ids only, never the address.

export type UnsubscribeSubject =
  { kind: "contact"; contactId: string; enrollmentId: string | null } | { kind: "message"; messageId: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function unsubscribeToken(key: Uint8Array, subject: UnsubscribeSubject): string {
  return subject.kind === "contact"
    ? signToken(
        key,
        "unsubscribe",
        subject.enrollmentId ? { c: subject.contactId, e: subject.enrollmentId } : { c: subject.contactId },
      )
    : signToken(key, "unsubscribe", { m: subject.messageId });
}

export function unsubscribeUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/u/${token}`;
}

/** The subject of a genuine token; null for a tampered, forged or malformed one. */
export function readUnsubscribeToken(key: Uint8Array, token: string): UnsubscribeSubject | null {
  const payload = verifyToken(key, "unsubscribe", token);
  if (!payload) return null;
  const { c, e, m } = payload;
  if (typeof c === "string" && UUID.test(c)) {
    return { kind: "contact", contactId: c, enrollmentId: typeof e === "string" && UUID.test(e) ? e : null };
  }
  if (typeof m === "string" && UUID.test(m)) return { kind: "message", messageId: m };
  return null;
}
