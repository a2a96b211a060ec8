import { describe, expect, it } from "vitest";
import { deliverySettingsFromEnv, nextAttemptAt } from "./delivery-settings";

const now = new Date("2030-01-01T00:00:00.000Z");
const settings = { maxAttempts: 5, backoffMs: 30_000, backoffMaxMs: 100_000 };

describe("delivery retry schedule", () => {
  it.each([
    [1, 30_000],
    [2, 60_000],
    [3, 100_000], // 120 s, capped
    [4, 100_000],
  ])("after failed attempt %i the message is due %i ms later", (attempt, delay) => {
    expect(nextAttemptAt(settings, attempt, now)).toEqual(new Date(now.getTime() + delay));
  });

  it("the last attempt schedules nothing: the message fails", () => {
    expect(nextAttemptAt(settings, 5, now)).toBeNull();
    expect(nextAttemptAt(settings, 6, now)).toBeNull();
  });

  it("reads the env, falling back to the defaults for anything not a positive integer", () => {
    expect(deliverySettingsFromEnv({})).toEqual({ maxAttempts: 10, backoffMs: 30_000, backoffMaxMs: 3_600_000 });
    expect(
      deliverySettingsFromEnv({
        DELIVERY_MAX_ATTEMPTS: "3",
        DELIVERY_BACKOFF_MS: "0",
        DELIVERY_BACKOFF_MAX_MS: "5000",
      }),
    ).toEqual({ maxAttempts: 3, backoffMs: 30_000, backoffMaxMs: 5000 });
  });
});
