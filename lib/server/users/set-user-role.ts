import "server-only";
import type { Role } from "@/lib/domain/roles";
import { writeAudit } from "../audit";
import { db } from "../db";
import { DomainError } from "../errors";

export async function setUserRole(options: { actorId: string; userId: string; role: Role }) {
  return db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: options.userId } });
    if (!user) throw new DomainError("That user no longer exists.", "not_found");
    if (user.id === options.actorId && options.role !== "admin") {
      // An admin demoting themselves could leave nobody able to manage users.
      const admins = await tx.user.count({ where: { role: "admin" } });
      if (admins <= 1) throw new DomainError("You are the last admin; make someone else admin first.", "conflict");
    }
    const updated = await tx.user.update({
      where: { id: user.id },
      data: { role: options.role },
      select: { id: true, email: true, role: true },
    });
    await writeAudit(tx, {
      actorId: options.actorId,
      action: "user.role",
      entityType: "user",
      entityId: user.id,
      summary: `Changed ${user.email} from ${user.role} to ${options.role}`,
      detail: { from: user.role, to: options.role },
    });
    return updated;
  });
}
