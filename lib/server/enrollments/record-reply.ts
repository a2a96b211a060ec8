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
 * A reply lands on every in-flight enrollment of the contact; those whose pinned version says
 * exitOnReply exit, the others only record it.
 */
export async function recordReply(options: { actorId: string | null; contactId: string; now?: Date }) {
  const now = options.now ?? new Date();
  return db().$transaction(async (tx) => {
    const contact = await tx.contact.findUnique({
      where: { id: options.contactId },
      select: { id: true, email: true },
    });
    if (!contact) throw new DomainError("That contact no longer exists.", "not_found");
    const sql = prismaSql(tx);
    const rows = await lockLiveEnrollmentsOfContact(sql, contact.id);
    const versions = await sharedVersionCache.contents(
      sql,
      rows.map((r) => r.sequence_version_id),
    );
    const exited: string[] = [];
    const kept: string[] = [];
    for (const row of rows) {
      const exitOnReply = versions.get(row.sequence_version_id)?.settings.exitOnReply ?? true;
      const result = transition(stateOf(row), { type: "reply", exitOnReply });
      if (!result.ok) throw new DomainError(result.error, "conflict");
      await addEvent(sql, row, "replied", now, { exitOnReply });
      if (result.state.status === "exited") {
        await saveState(sql, row, result.state, now);
        await addEvent(sql, row, "exited", now, { reason: "replied" });
        exited.push(row.id);
      } else {
        kept.push(row.id);
      }
    }
    await writeAudit(tx, {
      actorId: options.actorId,
      action: "contact.reply",
      entityType: "contact",
      entityId: contact.id,
      summary: `Recorded a reply from ${contact.email}; ${exited.length} enrollment(s) exited`,
      detail: { exited, kept },
    });
    return { exited, kept };
  });
}
