import "server-only";
import { cache } from "react";
import { displayTimeZone } from "@/lib/domain/format-date";
import { db } from "../db";

export type TimeZoneSettings = {
  /** The user's own zone (users.time_zone); null = the organisation's. */
  own: string | null;
  organization: string;
  /** What the user sees dates in. */
  display: string;
};

/**
 * A user's zones, memoised per request: the layout (which feeds the client TimeZoneProvider), a
 * page naming the zone and the profile page share one lookup.
 */
export const getTimeZoneSettings = cache(async function getTimeZoneSettings(userId: string): Promise<TimeZoneSettings> {
  const [user, settings] = await Promise.all([
    db().user.findUnique({ where: { id: userId }, select: { timeZone: true } }),
    db().organizationSettings.findUnique({ where: { id: true }, select: { timeZone: true } }),
  ]);
  const organization = displayTimeZone(null, settings?.timeZone);
  return { own: user?.timeZone ?? null, organization, display: displayTimeZone(user?.timeZone, organization) };
});

/** The zone a user sees dates in: their own, else the organisation's, else UTC. */
export async function getDisplayTimeZone(userId: string): Promise<string> {
  return (await getTimeZoneSettings(userId)).display;
}
