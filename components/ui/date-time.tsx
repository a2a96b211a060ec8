"use client";
import {
  formatDate,
  formatDateTime,
  formatTime,
  isoInstant,
  type DateInput,
  type ZoneLabel,
} from "@/lib/domain/format-date";
import { useTimeZone } from "./time-zone-provider";

/**
 * A date in the user's display zone (or `zone`, e.g. the contact's), as a <time> element whose
 * title is the exact instant. `format`: "datetime" (default) "Mar 3, 2026, 09:00 EST", "date",
 * or "time" ("Mon 09:00" with `weekday`). `label` names the zone: "short" (default for datetime),
 * "iana" or "none".
 */
export function DateTime({
  value,
  format = "datetime",
  label,
  weekday,
  zone,
  className,
}: {
  value: DateInput;
  format?: "datetime" | "date" | "time";
  label?: ZoneLabel;
  weekday?: boolean;
  zone?: string;
  className?: string;
}) {
  const userZone = useTimeZone();
  const z = zone ?? userZone;
  const iso = isoInstant(value);
  const text =
    format === "date"
      ? formatDate(value, z)
      : format === "time"
        ? formatTime(value, z, { weekday, label })
        : formatDateTime(value, z, label ?? "short");
  if (!iso) return <span className={className}>{text}</span>;
  return (
    // The zone comes from the server, so the text matches; the guard only covers ICU data that
    // differs between the server's Node and the browser (a zone abbreviation, say).
    <time
      dateTime={iso}
      title={`${formatDateTime(value, z, "iana")} · ${iso}`}
      className={className}
      suppressHydrationWarning
    >
      {text}
    </time>
  );
}
