import "server-only";
import type { Role } from "@/lib/domain/roles";
import { Prisma } from "@/lib/generated/prisma/client";
import { writeAudit } from "../audit";
import { db } from "../db";
import { DomainError } from "../errors";
import { hashPassword } from "../passwords";

export async function createUser(options: {
  actorId: string | null;
  email: string;
  name: string;
  role: Role;
  password: string;
}) {
  const passwordHash = await hashPassword(options.password);
  try {
    return await db().$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: options.email.toLowerCase(), name: options.name, role: options.role, passwordHash },
        select: { id: true, email: true, name: true, role: true, createdAt: true },
      });
      await writeAudit(tx, {
        actorId: options.actorId,
        action: "user.create",
        entityType: "user",
        entityId: user.id,
        summary: `Added ${user.email} as ${user.role}`,
      });
      return user;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new DomainError(`A user with the email ${options.email} already exists.`, "conflict");
    }
    throw error;
  }
}
