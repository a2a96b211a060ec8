import { readFileSync } from "node:fs";

/** Where the engine gets "now" from, so tests and e2e can move time without sleeping. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to (tests). */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: Date | string) {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(at: Date | string): void {
    this.current = new Date(at).getTime();
  }

  advance(ms: number): Date {
    this.current += ms;
    return this.now();
  }
}

/**
 * The clock behind SEQUENCER_CLOCK_FILE (e2e): the file holds either an ISO-8601 instant
 * ("2026-03-02T09:00:00Z": the clock reads exactly that) or a signed whole number of
 * milliseconds ("+172800000": real time shifted by that much). A missing, empty or unreadable
 * file means real time, so a test control can create, rewrite or delete it at any moment.
 */
export function fileClock(path: string): Clock {
  return {
    now() {
      let text: string;
      try {
        text = readFileSync(path, "utf8").trim();
      } catch {
        return new Date();
      }
      if (text === "") return new Date();
      if (/^[+-]?\d+$/.test(text)) return new Date(Date.now() + Number(text));
      const at = new Date(text);
      return Number.isNaN(at.getTime()) ? new Date() : at;
    },
  };
}

export function clockFromEnv(env: Record<string, string | undefined> = process.env): Clock {
  return env.SEQUENCER_CLOCK_FILE ? fileClock(env.SEQUENCER_CLOCK_FILE) : systemClock;
}
