import "server-only";
import type { Tx } from "../db";

export type NotificationKind = "review.requested" | "review.approved" | "review.changes_requested" | "review.comment";

/** Creates one notification per user (the actor excluded), in the transaction of the change it reports. */
export async function notifyUsers(
  tx: Tx,
  input: { userIds: readonly string[]; actorId: string; kind: NotificationKind; title: string; link: string },
): Promise<number> {
  const recipients = [...new Set(input.userIds)].filter((id) => id !== input.actorId);
  if (recipients.length === 0) return 0;
  const { count } = await tx.notification.createMany({
    data: recipients.map((userId) => ({
      userId,
      kind: input.kind,
      title: input.title.slice(0, 300),
      link: input.link,
    })),
  });
  return count;
}

/** Everyone who may decide a review: editors and admins. */
export async function reviewerIds(tx: Tx): Promise<string[]> {
  const rows = await tx.user.findMany({ where: { role: { in: ["editor", "admin"] } }, select: { id: true } });
  return rows.map((r) => r.id);
}
