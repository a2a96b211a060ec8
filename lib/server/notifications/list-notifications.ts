import "server-only";
import type { NotificationList } from "@/lib/views/reviews";
import { db } from "../db";

/** The bell: the user's unread count and their newest notifications (only their own). */
export async function listNotifications(userId: string, limit = 20): Promise<NotificationList> {
  const [unread, items] = await Promise.all([
    db().notification.count({ where: { userId, readAt: null } }),
    db().notification.findMany({
      where: { userId },
      orderBy: { createdAt: "desc" },
      take: limit,
      select: { id: true, kind: true, title: true, link: true, readAt: true, createdAt: true },
    }),
  ]);
  return { unread, items };
}
