import "server-only";
import { transition } from "@/lib/domain/enrollment-machine";
import { writeAudit } from "../audit";
import { db } from "../db";
import { DomainError } from "../errors";
import { stateOf } from "@/lib/store/claim";
import { saveState } from "@/lib/store/save-state";
import { prismaSql } from "@/lib/store/sql";
import { addEvent, lockEnrollment } from "./enrollment-rows";

/** A paused enrollment is never claimed by the runner; its due time is kept for resume. */
export async function pauseEnrollment(options: { actorId: string | null; enrollmentId: string; now?: Date }) {
  const now = options.now ?? new Date();
  return db().$transaction(async (tx) => {
    const sql = prismaSql(tx);
    const row = await lockEnrollment(sql, options.enrollmentId);
    const result = transition(stateOf(row), { type: "pause" });
    if (!result.ok) throw new DomainError(result.error, "conflict");
    await saveState(sql, row, result.state, now);
    await addEvent(sql, row, "paused", now);
    await writeAudit(tx, {
      actorId: options.actorId,
      action: "enrollment.pause",
      entityType: "enrollment",
      entityId: row.id,
      summary: `Paused the enrollment of ${row.email}`,
    });
    return { id: row.id, status: result.state.status };
  });
}
