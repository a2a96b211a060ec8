// Scheduled publish: the rules that need no database. The user picks a wall-clock date and time in
// their own zone (lib/domain/local-time.ts); the instant is stored in UTC.

export const SCHEDULED_PUBLISH_STATUSES = ["scheduled", "published", "cancelled", "failed"] as const;
export type ScheduledPublishStatus = (typeof SCHEDULED_PUBLISH_STATUSES)[number];

/** The farthest ahead a publish may be scheduled. */
export const MAX_SCHEDULE_AHEAD_DAYS = 366;
export const SCHEDULE_NOTE_MAX = 500;

/** The reason shown on a schedule that a later draft change cancelled. */
export const DRAFT_CHANGED_REASON = "Cancelled: the draft changed after scheduling.";
/** The reason shown on a schedule whose sequence was archived before its time. */
export const ARCHIVED_REASON = "Cancelled: the sequence was archived.";

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
