import "server-only";
import { getServerSession } from "next-auth";
import { cache } from "react";
import type { Role } from "@/lib/domain/roles";
import { authOptions } from "./auth";
import { db } from "./db";

export type SessionUser = { id: string; email: string; name: string; role: Role };

/**
 * The signed-in user, re-read from the database on every call: the JWT only proves who signed
 * in; the role comes from the users table, so a role change or removal takes effect at once.
 */
/** Memoised per request (React `cache`): the layout and the page share one lookup. */
export const currentUser = cache(async function currentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (!id) return null;
  const user = await db().user.findUnique({ where: { id }, select: { id: true, email: true, name: true, role: true } });
  return user ?? null;
});
