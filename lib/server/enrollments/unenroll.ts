import "server-only";
import { transition } from "@/lib/domain/enrollment-machine";
import { writeAudit } from "../audit";
import { db } from "../db";
import { DomainError } from "../errors";
import { addEvent, lockEnrollment, saveState, stateOf } from "./enrollment-rows";

export async function unenroll(options: { actorId: string | null; enrollmentId: string; now?: Date }) {
  const now = options.now ?? new Date();
  return db().$transaction(async (tx) => {
    const row = await lockEnrollment(tx, options.enrollmentId);
    const result = transition(stateOf(row), { type: "unenroll" });
    if (!result.ok) throw new DomainError(result.error, "conflict");
    await saveState(tx, row, result.state, now);
    await addEvent(tx, row, "exited", now, { reason: "unenrolled" });
    await writeAudit(tx, { actorId: options.actorId, action: "enrollment.unenroll", entityType: "enrollment", entityId: row.id, summary: `Unenrolled ${row.email}` });
    return { id: row.id, status: result.state.status };
  });
}
