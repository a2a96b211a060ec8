"use server";
import { z } from "zod";
import { defineAction } from "@/lib/server/action-client";
import { listNotifications } from "@/lib/server/notifications/list-notifications";
import { markNotificationsRead } from "@/lib/server/notifications/mark-notifications-read";

/** The bell's poll: the signed-in user's own notifications only. */
export const listNotificationsAction = defineAction({
  name: "notifications.list",
  role: "viewer",
  input: z.object({}).strict(),
  handler: async (_input, { user }) => listNotifications(user.id),
});

export const markNotificationsReadAction = defineAction({
  name: "notifications.markRead",
  role: "viewer",
  input: z.object({ ids: z.union([z.literal("all"), z.array(z.uuid("Unknown notification")).min(1).max(100)]) }),
  handler: async (input, { user }) => markNotificationsRead({ userId: user.id, ids: input.ids }),
});
