// Wall-clock times a person types (an <input type="datetime-local"> value) in a named IANA zone,
// to and from UTC instants. Zone arithmetic is luxon's (no hand-written offsets).
import { DateTime } from "luxon";

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
