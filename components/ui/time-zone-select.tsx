"use client";
import { useId, useMemo, useState } from "react";
import { timeZoneList } from "@/lib/domain/format-date";
import { Select, TextInput } from "./field";

/**
 * A searchable list of IANA zones: a filter box narrows a native select (keyboard and screen
 * reader friendly), whose first option is the default (value ""). `zones` comes from the server
 * when the select is server-rendered, so the options cannot differ between Node's and the
 * browser's ICU data.
 */
export function TimeZoneSelect({
  id,
  value,
  onChange,
  defaultLabel,
  zones,
  invalid,
  describedBy,
}: {
  id: string;
  value: string;
  onChange: (zone: string) => void;
  /** The text of the "" option, e.g. "Organisation default (Europe/Berlin)"; omit to require a zone. */
  defaultLabel?: string;
  zones?: readonly string[];
  invalid?: boolean;
  describedBy?: string;
}) {
  const filterId = useId();
  const [filter, setFilter] = useState("");
  const all = useMemo(() => zones ?? timeZoneList(), [zones]);
  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase().replace(/\s+/g, "_");
    const matching = needle ? all.filter((z) => z.toLowerCase().includes(needle)) : all;
    // The current value stays selectable whatever the filter says.
    return value && !matching.includes(value) ? [value, ...matching] : matching;
  }, [all, filter, value]);

  return (
    <div className="space-y-1.5">
      <label htmlFor={filterId} className="sr-only">
        Filter time zones
      </label>
      <TextInput
        id={filterId}
        type="search"
        placeholder="Filter zones, e.g. berlin"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        autoComplete="off"
      />
      <Select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={describedBy}
      >
        {defaultLabel !== undefined ? <option value="">{defaultLabel}</option> : null}
        {shown.map((zone) => (
          <option key={zone} value={zone}>
            {zone.replaceAll("_", " ")}
          </option>
        ))}
      </Select>
      {filter && shown.length === 0 ? <p className="text-xs text-slate-500">No zone matches “{filter}”.</p> : null}
    </div>
  );
}
