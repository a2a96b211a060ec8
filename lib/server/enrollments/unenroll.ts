import "server-only";
import { transition } from "@/lib/domain/enrollment-machine";
import { writeAudit } from "../audit";
import { db } from "../db";
import { DomainError } from "../errors";
import { stateOf } from "@/lib/store/claim";
import { saveState } from "@/lib/store/save-state";
import { prismaSql } from "@/lib/store/sql";
import { addEvent, lockEnrollment } from "./enrollment-rows";

export async function unenroll(options: { actorId: string | null; enrollmentId: string; now?: Date }) {
  const now = options.now ?? new Date();
  return db().$transaction(async (tx) => {
    const sql = prismaSql(tx);
    const row = await lockEnrollment(sql, options.enrollmentId);
    const result = transition(stateOf(row), { type: "unenroll" });
    if (!result.ok) throw new DomainError(result.error, "conflict");
    await saveState(sql, row, result.state, now);
    await addEvent(sql, row, "exited", now, { reason: "unenrolled" });
    await writeAudit(tx, {
      actorId: options.actorId,
      action: "enrollment.unenroll",
      entityType: "enrollment",
      entityId: row.id,
      summary: `Unenrolled ${row.email}`,
    });
    return { id: row.id, status: result.state.status };
  });
}
