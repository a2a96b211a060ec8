import "server-only";
import { writeAudit } from "../audit";
import { db } from "../db";
import { DomainError } from "../errors";

/** A user's display zone (null = the organisation's); only ever their own, so the action needs no more than a session. */
export async function setOwnTimeZone(options: { userId: string; timeZone: string | null }) {
  return db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: options.userId }, select: { id: true, timeZone: true } });
    if (!user) throw new DomainError("Your account no longer exists.", "not_found");
    await tx.user.update({ where: { id: user.id }, data: { timeZone: options.timeZone } });
    await writeAudit(tx, {
      actorId: user.id,
      action: "user.time_zone",
      entityType: "user",
      entityId: user.id,
      summary: `Display time zone ${options.timeZone ?? "organisation default"} (was ${user.timeZone ?? "organisation default"})`,
      detail: { from: user.timeZone, to: options.timeZone },
    });
    return { timeZone: options.timeZone };
  });
}
