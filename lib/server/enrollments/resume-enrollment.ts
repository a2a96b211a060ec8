import "server-only";
import { transition } from "@/lib/domain/enrollment-machine";
import { writeAudit } from "../audit";
import { db } from "../db";
import { DomainError } from "../errors";
import { addEvent, lockEnrollment, saveState, stateOf } from "./enrollment-rows";

/** Due again at max(now, the due time it had): a step that fell due during the pause runs now. */
export async function resumeEnrollment(options: { actorId: string | null; enrollmentId: string; now?: Date }) {
  const now = options.now ?? new Date();
  return db().$transaction(async (tx) => {
    const row = await lockEnrollment(tx, options.enrollmentId);
    const result = transition(stateOf(row), { type: "resume", now });
    if (!result.ok) throw new DomainError(result.error, "conflict");
    await saveState(tx, row, result.state, now);
    await addEvent(tx, row, "resumed", now, { nextRunAt: result.state.nextRunAt?.toISOString() ?? null });
    await writeAudit(tx, { actorId: options.actorId, action: "enrollment.resume", entityType: "enrollment", entityId: row.id, summary: `Resumed the enrollment of ${row.email}` });
    return { id: row.id, status: result.state.status, nextRunAt: result.state.nextRunAt };
  });
}
