import "server-only";
import { transition } from "@/lib/domain/enrollment-machine";
import { writeAudit } from "../audit";
import { db } from "../db";
import { DomainError } from "../errors";
import { lockLiveEnrollmentsOfContact, stateOf } from "@/lib/store/claim";
import { saveState } from "@/lib/store/save-state";
import { prismaSql } from "@/lib/store/sql";
import { addEvent } from "./enrollment-rows";

/**
 * A bounce reported by the mail system lands on every in-flight enrollment of the contact as a
 * `bounced` event. A hard bounce means the address cannot receive mail: those enrollments fail
 * through the state machine (`deliveryFailed`), like a delivery that failed for good. A soft
 * bounce is only recorded.
 */
export async function recordBounce(options: {
  actorId: string | null;
  contactId: string;
  kind: "hard" | "soft";
  reason: string;
  now?: Date;
}) {
  const now = options.now ?? new Date();
  return db().$transaction(async (tx) => {
    const contact = await tx.contact.findUnique({
      where: { id: options.contactId },
      select: { id: true, email: true },
    });
    if (!contact) throw new DomainError("That contact no longer exists.", "not_found");
    const sql = prismaSql(tx);
    const rows = await lockLiveEnrollmentsOfContact(sql, contact.id);
    const failed: string[] = [];
    const kept: string[] = [];
    for (const row of rows) {
      await addEvent(sql, row, "bounced", now, { kind: options.kind, reason: options.reason });
      if (options.kind === "soft") {
        kept.push(row.id);
        continue;
      }
      const reason = `bounced${options.reason ? `: ${options.reason}` : ""}`;
      const result = transition(stateOf(row), { type: "deliveryFailed", reason });
      if (!result.ok) throw new DomainError(result.error, "conflict");
      await saveState(sql, row, result.state, now);
      await addEvent(sql, row, "failed", now, { reason });
      failed.push(row.id);
    }
    await writeAudit(tx, {
      actorId: options.actorId,
      action: "contact.bounce",
      entityType: "contact",
      entityId: contact.id,
      summary: `Recorded a ${options.kind} bounce for ${contact.email}; ${failed.length} enrollment(s) failed`,
      detail: { kind: options.kind, failed, kept },
    });
    return { failed, kept };
  });
}
