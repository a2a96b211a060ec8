import { randomUUID } from "node:crypto";
import type { Role } from "@/lib/domain/roles";
import { db } from "@/lib/server/db";
import type { SessionUser } from "@/lib/server/session";

export function uniqueEmail(prefix = "user"): string {
  return `${prefix}-${randomUUID().slice(0, 8)}@test.example`;
}

/** A real users row (the action client re-reads roles from the database). */
export async function makeUser(role: Role): Promise<SessionUser> {
  const user = await db().user.create({
    data: { email: uniqueEmail(role), name: `Test ${role}`, role, passwordHash: "x" },
  });
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
