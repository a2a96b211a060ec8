import "server-only";
import { transition } from "@/lib/domain/enrollment-machine";
import { writeAudit } from "../audit";
import { db } from "../db";
import { DomainError } from "../errors";
import { stateOf } from "@/lib/store/claim";
import { saveState } from "@/lib/store/save-state";
import { prismaSql } from "@/lib/store/sql";
import { addEvent, lockEnrollment } from "./enrollment-rows";

/** Due again at max(now, the due time it had): a step that fell due during the pause runs now. */
export async function resumeEnrollment(options: { actorId: string | null; enrollmentId: string; now?: Date }) {
  const now = options.now ?? new Date();
  return db().$transaction(async (tx) => {
    const sql = prismaSql(tx);
    const row = await lockEnrollment(sql, options.enrollmentId);
    const result = transition(stateOf(row), { type: "resume", now });
    if (!result.ok) throw new DomainError(result.error, "conflict");
    await saveState(sql, row, result.state, now);
    await addEvent(sql, row, "resumed", now, { nextRunAt: result.state.nextRunAt?.toISOString() ?? null });
    await writeAudit(tx, {
      actorId: options.actorId,
      action: "enrollment.resume",
      entityType: "enrollment",
      entityId: row.id,
      summary: `Resumed the enrollment of ${row.email}`,
    });
    return { id: row.id, status: result.state.status, nextRunAt: result.state.nextRunAt };
  });
}
