// Scheduled publish: the rules that need no database. The user picks a wall-clock date and time in
// their own zone; the instant is stored in UTC. Zone arithmetic is luxon's (no hand-written offsets).
import { DateTime } from "luxon";

export const SCHEDULED_PUBLISH_STATUSES = ["scheduled", "published", "cancelled", "failed"] as const;
export type ScheduledPublishStatus = (typeof SCHEDULED_PUBLISH_STATUSES)[number];

/** The farthest ahead a publish may be scheduled. */
export const MAX_SCHEDULE_AHEAD_DAYS = 366;
export const SCHEDULE_NOTE_MAX = 500;

/** The reason shown on a schedule that a later draft change cancelled. */
export const DRAFT_CHANGED_REASON = "Cancelled: the draft changed after scheduling.";

const LOCAL_SHAPE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

export type LocalTimeResult = { ok: true; at: Date } | { ok: false; error: string };

/**
 * "2026-12-01T09:30" in `zone` -> the UTC instant. A time that does not exist there (the hour
 * skipped when clocks go forward) is refused rather than silently moved; in the repeated hour when
 * clocks go back, the second of the two instants (luxon's choice) is taken.
 */
export function localTimeToUtc(local: string, zone: string): LocalTimeResult {
  if (!LOCAL_SHAPE.test(local)) return { ok: false, error: "Choose a date and a time." };
  const parsed = DateTime.fromISO(local, { zone });
  if (!parsed.isValid) return { ok: false, error: "Choose a date and a time that exist." };
  if (parsed.toFormat("yyyy-MM-dd'T'HH:mm") !== local)
    return { ok: false, error: `${local.replace("T", " ")} does not exist in ${zone} (the clocks skip it).` };
  return { ok: true, at: parsed.toJSDate() };
}

/** The instant back as the value of a datetime-local input in `zone`. */
export function utcToLocalInput(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
}

/** Null when `at` may be scheduled at `now`; otherwise why not, in plain words. */
export function scheduleTimeRefusal(at: Date, now: Date): string | null {
  if (at.getTime() <= now.getTime()) return "That time is in the past: choose a time from now on.";
  if (at.getTime() - now.getTime() > MAX_SCHEDULE_AHEAD_DAYS * 86_400_000)
    return `Schedule at most ${MAX_SCHEDULE_AHEAD_DAYS} days ahead.`;
  return null;
}

/** What a schedule's status reads as on the sequence page. */
export function scheduleStatusLabel(status: ScheduledPublishStatus): string {
  switch (status) {
    case "scheduled":
      return "Scheduled";
    case "published":
      return "Published";
    case "cancelled":
      return "Cancelled";
    case "failed":
      return "Failed";
  }
}
