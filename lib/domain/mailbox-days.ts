// Server side of the mailbox date filter (luxon stays out of client bundles, see send-window.ts).
import { DateTime } from "luxon";

/**
 * A from/to pair of calendar days, both inclusive, as instants in the user's zone: [start of
 * `from`, start of the day after `to`). Swapped days are put in order.
 */
export function dayRangeInZone(
  from: string | null,
  to: string | null,
  zone: string,
): { start: Date | null; end: Date | null } {
  const [a, b] = from && to && from > to ? [to, from] : [from, to];
  const day = (iso: string) => DateTime.fromISO(iso, { zone }).startOf("day");
  return {
    start: a ? day(a).toJSDate() : null,
    end: b ? day(b).plus({ days: 1 }).toJSDate() : null,
  };
}
