// The engine's clocks: manual (tests) and SEQUENCER_CLOCK_FILE (e2e specs move the worker's time).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { clockFromEnv, fileClock, ManualClock, systemClock } from "@/lib/engine/clock";

const dir = mkdtempSync(path.join(os.tmpdir(), "sequencer-clock-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("clocks", () => {
  it("ManualClock moves only when set or advanced", () => {
    const clock = new ManualClock("2020-01-01T00:00:00.000Z");
    expect(clock.now().toISOString()).toBe("2020-01-01T00:00:00.000Z");
    expect(clock.advance(90_000).toISOString()).toBe("2020-01-01T00:01:30.000Z");
    clock.set("2021-06-01T12:00:00Z");
    expect(clock.now().toISOString()).toBe("2021-06-01T12:00:00.000Z");
  });

  it("the file clock reads an ISO instant, a millisecond offset, or falls back to real time", () => {
    const file = path.join(dir, "clock");
    const clock = fileClock(file);
    const near = (at: Date, expected: number) => expect(Math.abs(at.getTime() - expected)).toBeLessThan(1_000);

    near(clock.now(), Date.now()); // no file yet
    writeFileSync(file, "2030-02-03T04:05:06.000Z\n");
    expect(clock.now().toISOString()).toBe("2030-02-03T04:05:06.000Z");
    writeFileSync(file, "+172800000");
    near(clock.now(), Date.now() + 172_800_000);
    writeFileSync(file, "-3600000");
    near(clock.now(), Date.now() - 3_600_000);
    writeFileSync(file, "not a time");
    near(clock.now(), Date.now());
    writeFileSync(file, "");
    near(clock.now(), Date.now());
  });

  it("clockFromEnv uses the file only when SEQUENCER_CLOCK_FILE is set", () => {
    expect(clockFromEnv({})).toBe(systemClock);
    const file = path.join(dir, "env-clock");
    writeFileSync(file, "2031-01-01T00:00:00.000Z");
    expect(clockFromEnv({ SEQUENCER_CLOCK_FILE: file }).now().toISOString()).toBe("2031-01-01T00:00:00.000Z");
  });
});
