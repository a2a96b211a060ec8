"use client";
import { createContext, useContext, type ReactNode } from "react";
import { FALLBACK_TIME_ZONE } from "@/lib/domain/format-date";

const TimeZoneContext = createContext<string>(FALLBACK_TIME_ZONE);

/**
 * The signed-in user's display zone, decided on the server ((app) layout: users.time_zone, else the
 * organisation's) and handed down, so server-rendered and hydrated dates are the same text: the
 * browser's own zone is never used.
 */
export function TimeZoneProvider({ zone, children }: { zone: string; children: ReactNode }) {
  return <TimeZoneContext.Provider value={zone}>{children}</TimeZoneContext.Provider>;
}

/** The zone every date on the page is shown in. */
export function useTimeZone(): string {
  return useContext(TimeZoneContext);
}
