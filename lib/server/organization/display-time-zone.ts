import "server-only";
import { cache } from "react";
import { displayTimeZone } from "@/lib/domain/format-date";
import { db } from "../db";

/**
 * The zone a user sees dates in: their own (users.time_zone), else the organisation's. Memoised
 * per request, so the layout (which feeds the client TimeZoneProvider) and a page naming the zone
 * share one lookup.
 */
export const getDisplayTimeZone = cache(async function getDisplayTimeZone(userId: string): Promise<string> {
  const [user, settings] = await Promise.all([
    db().user.findUnique({ where: { id: userId }, select: { timeZone: true } }),
    db().organizationSettings.findUnique({ where: { id: true }, select: { timeZone: true } }),
  ]);
  return displayTimeZone(user?.timeZone, settings?.timeZone);
});
