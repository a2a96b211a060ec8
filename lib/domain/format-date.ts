// The one date formatter. Every date the UI shows goes through here, in a named IANA zone, with
// Intl.DateTimeFormat doing the zone arithmetic (no hand-written offsets). Pure: the caller says
// which zone; the server decides it (the user's display zone), so server and client render the
// same text.

export type DateInput = Date | string | number | null | undefined;
/** How a value names its zone: not at all, by abbreviation ("EST", "GMT+1"), or by IANA name. */
export type ZoneLabel = "none" | "short" | "iana";

export const FALLBACK_TIME_ZONE = "UTC";
const LOCALE = "en-US";
const EMPTY = "—";

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${zone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE, { ...options, timeZone: zone });
    formatters.set(key, f);
  }
  return f;
}

function toDate(value: DateInput): Date | null {
  if (value === null || value === undefined || value === "") return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

// IANA names only ("Area/Location", "UTC"): Intl also accepts offsets such as "+05:00", which are
// not zones (they do not follow daylight saving), so they are refused here.
const IANA_SHAPE = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/;

let zoneIndex: Map<string, string> | null = null;
/** Every zone the runtime knows, sorted, with UTC (which Intl.supportedValuesOf omits). */
export function timeZoneList(): string[] {
  const listed = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return [...new Set([FALLBACK_TIME_ZONE, ...listed])].sort();
}

/**
 * The zone as stored: the list's own spelling when it is listed (case-insensitive), else the
 * name as given when Intl knows it (aliases such as Asia/Kolkata on runtimes that list
 * Asia/Calcutta), else null.
 */
export function canonicalTimeZone(zone: string): string | null {
  const name = zone.trim();
  if (!IANA_SHAPE.test(name) || name.length > 64) return null;
  zoneIndex ??= new Map(timeZoneList().map((z) => [z.toLowerCase(), z]));
  const listed = zoneIndex.get(name.toLowerCase());
  if (listed) return listed;
  try {
    new Intl.DateTimeFormat(LOCALE, { timeZone: name });
    return name;
  } catch {
    return null;
  }
}

export function isValidTimeZone(zone: string): boolean {
  return canonicalTimeZone(zone) !== null;
}

/** The zone to display in: the user's, else the organisation's, else UTC. */
export function displayTimeZone(userZone: string | null | undefined, organizationZone: string | null | undefined) {
  return userZone || organizationZone || FALLBACK_TIME_ZONE;
}

const DATE_TIME: Intl.DateTimeFormatOptions = {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
};
const DATE_ONLY: Intl.DateTimeFormatOptions = { year: "numeric", month: "short", day: "numeric" };
const TIME_ONLY: Intl.DateTimeFormatOptions = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };

/** "EST", "EDT", "GMT+1", "GMT+9", "UTC": the zone's short name at that instant. */
export function zoneAbbreviation(value: DateInput, zone: string): string {
  const date = toDate(value) ?? new Date(0);
  const part = formatter(zone, { timeZoneName: "short" })
    .formatToParts(date)
    .find((p) => p.type === "timeZoneName");
  return part?.value ?? zone;
}

function withZone(text: string, date: Date, zone: string, label: ZoneLabel): string {
  if (label === "none") return text;
  if (label === "iana") return `${text} (${zone})`;
  return `${text} ${zoneAbbreviation(date, zone)}`;
}

/** "Mar 3, 2026, 09:00" (+ " EST" or " (America/New_York)"). */
export function formatDateTime(value: DateInput, zone: string, label: ZoneLabel = "short"): string {
  const date = toDate(value);
  if (!date) return EMPTY;
  return withZone(formatter(zone, DATE_TIME).format(date), date, zone, label);
}

/** "Mar 3, 2026": the calendar date in that zone (an instant near midnight can be another day elsewhere). */
export function formatDate(value: DateInput, zone: string): string {
  const date = toDate(value);
  return date ? formatter(zone, DATE_ONLY).format(date) : EMPTY;
}

/** "09:00", or with the weekday "Mon 09:00"; zone label as for formatDateTime. */
export function formatTime(
  value: DateInput,
  zone: string,
  options: { weekday?: boolean; label?: ZoneLabel } = {},
): string {
  const date = toDate(value);
  if (!date) return EMPTY;
  const time = formatter(zone, TIME_ONLY).format(date);
  const text = options.weekday ? `${formatter(zone, { weekday: "short" }).format(date)} ${time}` : time;
  return withZone(text, date, zone, options.label ?? "none");
}

/** "in 3 h", "5 min ago", "in 2 days", "just now": a rough distance between two instants. */
export function formatRelative(value: DateInput, now: DateInput): string {
  const date = toDate(value);
  const reference = toDate(now);
  if (!date || !reference) return EMPTY;
  const diff = date.getTime() - reference.getTime();
  const seconds = Math.round(Math.abs(diff) / 1000);
  if (seconds < 60) return "just now";
  const minutes = Math.floor(seconds / 60);
  const hours = Math.floor(minutes / 60);
  const days = Math.floor(hours / 24);
  const amount =
    minutes < 60
      ? `${minutes} min`
      : hours < 48
        ? minutes % 60 && hours < 10
          ? `${hours} h ${minutes % 60} min`
          : `${hours} h`
        : `${days} days`;
  return diff > 0 ? `in ${amount}` : `${amount} ago`;
}

/** An instant as the machine-readable value of a <time> element. */
export function isoInstant(value: DateInput): string | undefined {
  return toDate(value)?.toISOString();
}
