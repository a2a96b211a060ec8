import "server-only";
import { db } from "../db";

/**
 * Marks the given notifications (or all) of this user as read. The user id is part of the
 * condition, so someone else's notification id changes nothing.
 */
export async function markNotificationsRead(options: { userId: string; ids: readonly string[] | "all" }) {
  const { count } = await db().notification.updateMany({
    where: {
      userId: options.userId,
      readAt: null,
      ...(options.ids === "all" ? {} : { id: { in: [...options.ids] } }),
    },
    data: { readAt: new Date() },
  });
  return { marked: count };
}
