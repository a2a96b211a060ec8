import "server-only";
import { unsubscribeContact } from "../enrollments/unsubscribe-contact";
import { findUnsubscribeTarget, type UnsubscribeTarget } from "./find-unsubscribe-subject";

export type UnsubscribeByTokenResult =
  { ok: false } | { ok: true; target: UnsubscribeTarget; alreadyUnsubscribed: boolean; exited: number };

/**
 * A recipient's unsubscribe (the page's button or a mail client's RFC 8058 one-click POST):
 * through the one unsubscribe service (exits in-flight enrollments per their version's settings,
 * timeline, audit with no actor). Idempotent: a second click changes nothing. A token that does
 * not verify writes nothing.
 */
export async function unsubscribeByToken(token: string): Promise<UnsubscribeByTokenResult> {
  const target = await findUnsubscribeTarget(token);
  if (!target) return { ok: false };
  if (target.unsubscribedAt) return { ok: true, target, alreadyUnsubscribed: true, exited: 0 };
  const result = await unsubscribeContact({ actorId: null, contactId: target.contactId });
  return { ok: true, target, alreadyUnsubscribed: false, exited: result.exited.length };
}
