// Honest "Day N" labels for the editor, the sidebar, the publish dialog and the diff. A relative
// timeline has no weekday and no time of day to anchor to, so a business-day wait or a send window
// makes a step's day a range: "Day 3-5, depending on weekends and the send window". Zod- and
// luxon-free (browser code imports it); exact dates for a real start come from send-window.ts.
import type { Step } from "./steps";

const MINUTES_PER_DAY = 1440;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;
const MINUTES_PER_UNIT = { minutes: 1, hours: 60, days: 1440 } as const;

export type ScheduleSettings = {
  sendWindow?: { weekdays: readonly number[]; start: string; end: string };
  holidays?: readonly string[];
};

export type DayRange = {
  /** Earliest and latest day (0 = the day of enrollment) the step can run on. */
  min: number;
  max: number;
  /** What makes it a range ("weekends", "holidays", "the send window"); empty for an exact day. */
  reasons: string[];
};

function minutesOf(time: string): number {
  const [h, m] = time.split(":");
  return Number(h) * 60 + Number(m);
}

/**
 * The longest stretch in a week during which the window is closed, in minutes: how long a message
 * that falls due at the worst moment waits. Holidays come on top of it.
 */
export function longestClosedStretch(window: NonNullable<ScheduleSettings["sendWindow"]>): number {
  const days = [...new Set(window.weekdays)].filter((d) => d >= 1 && d <= 7).sort((a, b) => a - b);
  if (days.length === 0) return 0;
  const start = minutesOf(window.start);
  const end = minutesOf(window.end);
  // Week minute of each opening and closing (ISO weekday 1 = Monday at minute 0).
  let longest = 0;
  days.forEach((day, i) => {
    const closes = (day - 1) * MINUTES_PER_DAY + end;
    const nextDay = days[(i + 1) % days.length] ?? day;
    let opens = (nextDay - 1) * MINUTES_PER_DAY + start;
    if (opens <= closes) opens += MINUTES_PER_WEEK;
    longest = Math.max(longest, opens - closes);
  });
  return longest;
}

/** Calendar days that N business days can span: the fewest (start Sunday) and the most (start Friday). */
export function businessDaySpan(days: number): { min: number; max: number } {
  if (days <= 0) return { min: 0, max: 0 };
  return { min: days + 2 * Math.floor((days - 1) / 5), max: days + 2 * Math.ceil(days / 5) };
}

/**
 * Each step's earliest and latest day after enrollment, from the waits, the business-day rule and
 * the send window (tasks are taken as done at once, as elsewhere). Holidays only lengthen the
 * latest day, by an amount the list alone cannot tell, so they are named as a reason.
 */
export function stepDayRanges(steps: readonly Step[], settings: ScheduleSettings = {}): DayRange[] {
  const window = settings.sendWindow && settings.sendWindow.weekdays.length > 0 ? settings.sendWindow : null;
  const closed = window ? longestClosedStretch(window) : 0;
  const hasHolidays = (settings.holidays?.length ?? 0) > 0;
  let min = 0;
  let max = 0;
  let outsideWindow = true; // at enrollment the contact may be anywhere in the week
  // A business-day wait keeps the local time of day and lands on a weekday that is not a holiday:
  // from inside a window open every weekday it lands inside it again.
  const weekdaysOpen = window !== null && [1, 2, 3, 4, 5].every((d) => window.weekdays.includes(d));
  const reasons = new Set<string>();
  return steps.map((step) => {
    if ((step.type === "email" || step.type === "sms") && window) {
      if (outsideWindow && closed > 0) {
        max += closed;
        reasons.add("the send window");
        if (hasHolidays) reasons.add("holidays");
      }
      outsideWindow = false;
    }
    const row: DayRange = {
      min: Math.floor(min / MINUTES_PER_DAY),
      max: Math.floor(max / MINUTES_PER_DAY),
      reasons: [...reasons],
    };
    if (step.type === "wait") {
      const businessDays = step.businessDaysOnly && step.unit === "days";
      outsideWindow = outsideWindow || !(businessDays && weekdaysOpen);
      if (businessDays) {
        const span = businessDaySpan(step.amount);
        min += span.min * MINUTES_PER_DAY;
        max += span.max * MINUTES_PER_DAY;
        reasons.add("weekends");
        if (hasHolidays) reasons.add("holidays");
      } else {
        const minutes = step.amount * MINUTES_PER_UNIT[step.unit];
        min += minutes;
        max += minutes;
        if (step.businessDaysOnly) {
          max += 2 * MINUTES_PER_DAY; // landing on a weekend moves to Monday
          reasons.add("weekends");
          if (hasHolidays) reasons.add("holidays");
        }
      }
    }
    return row;
  });
}

function joinReasons(reasons: readonly string[]): string {
  if (reasons.length <= 1) return reasons[0] ?? "";
  return `${reasons.slice(0, -1).join(", ")} and ${reasons[reasons.length - 1]}`;
}

/** "Day 3" or "Day 3-5". */
export function formatDayRange(range: Pick<DayRange, "min" | "max">): string {
  return range.min === range.max ? `Day ${range.min}` : `Day ${range.min}-${range.max}`;
}

/** "Day 3", or "Day 3-5, depending on weekends and the send window". */
export function describeDayRange(range: DayRange): string {
  const short = formatDayRange(range);
  return range.min === range.max || range.reasons.length === 0
    ? short
    : `${short}, depending on ${joinReasons(range.reasons)}`;
}

const WEEKDAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** "Mon-Fri 09:00-17:00", "Mon, Wed, Fri 08:00-12:00", or "Any time". */
export function formatSendWindow(window: ScheduleSettings["sendWindow"] | undefined): string {
  if (!window) return "Any time";
  const days = [...new Set(window.weekdays)].sort((a, b) => a - b);
  const name = (d: number) => WEEKDAY_NAMES[d - 1] ?? String(d);
  const consecutive = days.length > 2 && days.every((d, i) => i === 0 || d === (days[i - 1] ?? 0) + 1);
  const dayText =
    days.length === 7
      ? "Every day"
      : consecutive
        ? `${name(days[0] ?? 1)}-${name(days[days.length - 1] ?? 1)}`
        : days.map(name).join(", ");
  return `${dayText} ${window.start}-${window.end}`;
}
