import "server-only";
import { transition, type EnrollmentEvent } from "@/lib/domain/enrollment-machine";
import { lockLiveEnrollmentsOfContact, stateOf } from "@/lib/store/claim";
import { saveState } from "@/lib/store/save-state";
import type { Sql } from "@/lib/store/sql";
import { sharedVersionCache } from "@/lib/store/versions";
import { DomainError } from "../errors";
import { addEvent } from "./enrollment-rows";

/** What each contact-level signal records, and which version setting decides whether it exits. */
const SIGNALS = {
  reply: { event: "replied", setting: "exitOnReply" },
  unsubscribe: { event: "unsubscribed", setting: "exitOnUnsubscribe" },
} as const;

/**
 * A reply or an unsubscribe lands on every in-flight enrollment of the contact (locked): each
 * records the signal, and those whose PINNED version says to exit on it exit through the state
 * machine. Runs inside the caller's transaction; the caller audits.
 */
export async function exitOnContactSignal(
  sql: Sql,
  contactId: string,
  signal: keyof typeof SIGNALS,
  now: Date,
): Promise<{ exited: string[]; kept: string[] }> {
  const { event, setting } = SIGNALS[signal];
  const rows = await lockLiveEnrollmentsOfContact(sql, contactId);
  const versions = await sharedVersionCache.contents(
    sql,
    rows.map((r) => r.sequence_version_id),
  );
  const exited: string[] = [];
  const kept: string[] = [];
  for (const row of rows) {
    const exits = versions.get(row.sequence_version_id)?.settings[setting] ?? true;
    const input: EnrollmentEvent =
      signal === "reply" ? { type: "reply", exitOnReply: exits } : { type: "unsubscribe", exitOnUnsubscribe: exits };
    const result = transition(stateOf(row), input);
    if (!result.ok) throw new DomainError(result.error, "conflict");
    await addEvent(sql, row, event, now, { [setting]: exits });
    if (result.state.status === "exited") {
      await saveState(sql, row, result.state, now);
      await addEvent(sql, row, "exited", now, { reason: event });
      exited.push(row.id);
    } else {
      kept.push(row.id);
    }
  }
  return { exited, kept };
}
