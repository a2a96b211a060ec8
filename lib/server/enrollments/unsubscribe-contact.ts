import "server-only";
import { transition } from "@/lib/domain/enrollment-machine";
import { writeAudit } from "../audit";
import { db } from "../db";
import { DomainError } from "../errors";
import { lockLiveEnrollmentsOfContact, stateOf } from "@/lib/store/claim";
import { saveState } from "@/lib/store/save-state";
import { prismaSql } from "@/lib/store/sql";
import { sharedVersionCache } from "@/lib/store/versions";
import { addEvent } from "./enrollment-rows";

/**
 * Marks the contact unsubscribed (the first time counts) and exits its in-flight enrollments
 * whose pinned version says exitOnUnsubscribe. The runner also checks unsubscribed_at before it
 * sends, so an enrollment that slips past this still exits instead of sending.
 */
export async function unsubscribeContact(options: { actorId: string | null; contactId: string; now?: Date }) {
  const now = options.now ?? new Date();
  return db().$transaction(async (tx) => {
    const contact = await tx.contact.findUnique({
      where: { id: options.contactId },
      select: { id: true, email: true, unsubscribedAt: true },
    });
    if (!contact) throw new DomainError("That contact no longer exists.", "not_found");
    const unsubscribedAt = contact.unsubscribedAt ?? now;
    if (!contact.unsubscribedAt) await tx.contact.update({ where: { id: contact.id }, data: { unsubscribedAt: now } });
    const sql = prismaSql(tx);
    const rows = await lockLiveEnrollmentsOfContact(sql, contact.id);
    const versions = await sharedVersionCache.contents(
      sql,
      rows.map((r) => r.sequence_version_id),
    );
    const exited: string[] = [];
    const kept: string[] = [];
    for (const row of rows) {
      const exitOnUnsubscribe = versions.get(row.sequence_version_id)?.settings.exitOnUnsubscribe ?? true;
      const result = transition(stateOf(row), { type: "unsubscribe", exitOnUnsubscribe });
      if (!result.ok) throw new DomainError(result.error, "conflict");
      await addEvent(sql, row, "unsubscribed", now, { exitOnUnsubscribe });
      if (result.state.status === "exited") {
        await saveState(sql, row, result.state, now);
        await addEvent(sql, row, "exited", now, { reason: "unsubscribed" });
        exited.push(row.id);
      } else {
        kept.push(row.id);
      }
    }
    await writeAudit(tx, {
      actorId: options.actorId,
      action: "contact.unsubscribe",
      entityType: "contact",
      entityId: contact.id,
      summary: `Unsubscribed ${contact.email}; ${exited.length} enrollment(s) exited`,
      detail: { exited, kept },
    });
    return { unsubscribedAt, exited, kept };
  });
}
