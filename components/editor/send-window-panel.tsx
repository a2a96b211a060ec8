"use client";
import { useState } from "react";
import { Field, TextInput } from "@/components/ui/field";
import type { DraftContent } from "@/lib/domain/draft";
import { formatSendWindow } from "@/lib/domain/schedule-labels";
import { SEND_LIMITS, WEEKDAYS } from "@/lib/domain/step-kinds";

type Settings = DraftContent["settings"];
type Window = NonNullable<Settings["sendWindow"]>;

const DEFAULT_WINDOW: Window = { weekdays: [1, 2, 3, 4, 5], start: "09:00", end: "17:00" };
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The same rules as the version schema (steps.ts), without zod in the editor's bundle. */
function windowError(window: Window): string | null {
  if (window.weekdays.length === 0) return "Pick at least one weekday";
  if (!TIME.test(window.start)) return "Use a 24-hour start time such as 09:00";
  if (!TIME.test(window.end) && window.end !== "24:00") return "Use a 24-hour end time such as 17:00";
  if (window.start >= window.end) return "The window must end after it starts";
  return null;
}

function capError(text: string): string | null {
  if (text.trim() === "") return null;
  const n = Number(text);
  if (!Number.isInteger(n)) return "A daily limit must be a whole number";
  if (n < 1) return "A daily limit must be at least 1";
  if (n > SEND_LIMITS.dailyCap) return `A daily limit must be at most ${SEND_LIMITS.dailyCap.toLocaleString("en-US")}`;
  return null;
}

function without<K extends keyof Settings>(settings: Settings, key: K): Settings {
  const copy = { ...settings };
  delete copy[key];
  return copy;
}

/**
 * The version's sending rules: a send window (weekdays and local hours in each contact's time
 * zone), holidays, and daily limits per channel. Only valid settings reach the draft (so autosave
 * never stores a broken window); what is being typed is kept here with its message.
 */
export function SendWindowPanel({ settings, onChange }: { settings: Settings; onChange: (next: Settings) => void }) {
  const [window, setWindow] = useState<Window>(settings.sendWindow ?? DEFAULT_WINDOW);
  const [enabled, setEnabled] = useState(settings.sendWindow !== undefined);
  const [holiday, setHoliday] = useState("");
  const [holidayError, setHolidayError] = useState<string | null>(null);
  const [caps, setCaps] = useState({
    email: settings.dailyCap?.email?.toString() ?? "",
    sms: settings.dailyCap?.sms?.toString() ?? "",
  });
  const holidays = settings.holidays ?? [];
  const error = enabled ? windowError(window) : null;

  function changeWindow(next: Window, on = enabled) {
    setWindow(next);
    setEnabled(on);
    if (!on) onChange(without(settings, "sendWindow"));
    else if (windowError(next) === null) onChange({ ...settings, sendWindow: next });
  }

  function changeCap(channel: "email" | "sms", text: string) {
    const next = { ...caps, [channel]: text };
    setCaps(next);
    if (capError(next.email) || capError(next.sms)) return;
    const dailyCap = {
      ...(next.email.trim() ? { email: Number(next.email) } : {}),
      ...(next.sms.trim() ? { sms: Number(next.sms) } : {}),
    };
    onChange(Object.keys(dailyCap).length > 0 ? { ...settings, dailyCap } : without(settings, "dailyCap"));
  }

  function addHoliday() {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(holiday)) return setHolidayError("Pick a date");
    if (holidays.includes(holiday)) return setHolidayError("That date is already a holiday");
    if (holidays.length >= SEND_LIMITS.holidays) return setHolidayError(`At most ${SEND_LIMITS.holidays} holidays`);
    setHolidayError(null);
    setHoliday("");
    onChange({ ...settings, holidays: [...holidays, holiday].sort() });
  }

  function removeHoliday(day: string) {
    const rest = holidays.filter((d) => d !== day);
    onChange(rest.length > 0 ? { ...settings, holidays: rest } : without(settings, "holidays"));
  }

  return (
    <section
      aria-labelledby="send-rules-heading"
      data-testid="send-window-panel"
      className="space-y-4 rounded-lg bg-white p-5 text-sm shadow-sm ring-1 ring-slate-200"
    >
      <div>
        <h2 id="send-rules-heading" className="font-semibold text-slate-900">
          Sending rules
        </h2>
        <p className="mt-1 text-xs text-slate-600">
          In each contact&apos;s time zone (or the organisation&apos;s). Part of the version: contacts keep the rules of
          the version they are on.
        </p>
      </div>

      <fieldset className="space-y-2">
        <legend className="sr-only">Send window</legend>
        <label className="inline-flex items-center gap-2 text-slate-800">
          <input
            type="checkbox"
            className="size-4 rounded border-slate-300 text-indigo-600"
            checked={enabled}
            onChange={(e) => changeWindow(window, e.target.checked)}
          />
          Only send in a window
        </label>
        {enabled ? (
          <>
            <div className="flex flex-wrap gap-1" role="group" aria-label="Weekdays">
              {WEEKDAYS.map((day) => {
                const on = window.weekdays.includes(day.value);
                return (
                  <button
                    key={day.value}
                    type="button"
                    aria-pressed={on}
                    onClick={() =>
                      changeWindow({
                        ...window,
                        weekdays: on
                          ? window.weekdays.filter((d) => d !== day.value)
                          : [...window.weekdays, day.value].sort((a, b) => a - b),
                      })
                    }
                    className={`rounded-md px-2 py-1 text-xs font-medium ring-1 ${on ? "bg-indigo-600 text-white ring-indigo-600" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"}`}
                  >
                    {day.label}
                  </button>
                );
              })}
            </div>
            <div className="grid grid-cols-2 gap-2">
              <Field label="From" htmlFor="send-window-start">
                <TextInput
                  id="send-window-start"
                  type="time"
                  value={window.start}
                  onChange={(e) => changeWindow({ ...window, start: e.target.value })}
                />
              </Field>
              <Field label="Until" htmlFor="send-window-end">
                <TextInput
                  id="send-window-end"
                  type="time"
                  value={window.end === "24:00" ? "23:59" : window.end}
                  onChange={(e) => changeWindow({ ...window, end: e.target.value })}
                />
              </Field>
            </div>
            {error ? (
              <p role="alert" className="text-xs text-red-700" data-testid="send-window-error">
                {error}
              </p>
            ) : (
              <p className="text-xs text-slate-600" data-testid="send-window-summary">
                {formatSendWindow(window)}, local time. A message due outside it waits for the next opening.
              </p>
            )}
          </>
        ) : (
          <p className="text-xs text-slate-600">Messages go out as soon as they are due, day or night.</p>
        )}
      </fieldset>

      <fieldset className="space-y-2">
        <legend className="font-medium text-slate-800">Holidays</legend>
        <p className="text-xs text-slate-600">
          No messages on these dates, and business-day waits skip them. {holidays.length} of {SEND_LIMITS.holidays}.
        </p>
        {holidays.length > 0 ? (
          <ul className="flex flex-wrap gap-1" aria-label="Holidays">
            {holidays.map((day) => (
              <li key={day} className="inline-flex items-center gap-1 rounded bg-slate-100 px-2 py-0.5 text-xs">
                {day}
                <button
                  type="button"
                  aria-label={`Remove holiday ${day}`}
                  onClick={() => removeHoliday(day)}
                  className="text-slate-500 hover:text-red-700"
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <div className="flex items-end gap-2">
          <Field label="Add a date" htmlFor="holiday-date" error={holidayError}>
            <TextInput
              id="holiday-date"
              type="date"
              value={holiday}
              onChange={(e) => {
                setHoliday(e.target.value);
                setHolidayError(null);
              }}
            />
          </Field>
          <button
            type="button"
            onClick={addHoliday}
            className="mb-0.5 rounded-md px-2 py-1.5 text-sm font-medium text-indigo-700 ring-1 ring-indigo-200 hover:bg-indigo-50"
          >
            Add
          </button>
        </div>
      </fieldset>

      <fieldset className="space-y-2">
        <legend className="font-medium text-slate-800">Daily limits for this sequence</legend>
        <div className="grid grid-cols-2 gap-2">
          {(["email", "sms"] as const).map((channel) => (
            <Field
              key={channel}
              label={channel === "email" ? "Emails a day" : "SMS a day"}
              htmlFor={`daily-cap-${channel}`}
              error={capError(caps[channel])}
            >
              <TextInput
                id={`daily-cap-${channel}`}
                type="number"
                inputMode="numeric"
                min={1}
                max={SEND_LIMITS.dailyCap}
                placeholder="No limit"
                value={caps[channel]}
                onChange={(e) => changeCap(channel, e.target.value)}
              />
            </Field>
          ))}
        </div>
        <p className="text-xs text-slate-600">
          1 to {SEND_LIMITS.dailyCap.toLocaleString("en-US")}, empty for none. Over the limit, sends roll to the next
          day&apos;s window in enrollment order.
        </p>
      </fieldset>
    </section>
  );
}
