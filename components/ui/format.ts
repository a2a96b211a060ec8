// Dates are not formatted here: <DateTime> (components/ui/date-time.tsx) and lib/domain/format-date.ts
// show them in the user's display zone.

export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** A waiting time for people: "under a minute", "3 min", "2 h 5 min", "3 days". */
export function formatAge(seconds: number): string {
  if (seconds < 60) return "under a minute";
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  return plural(Math.floor(hours / 24), "day");
}
