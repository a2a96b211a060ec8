import { createHmac, timingSafeEqual } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateWebhookSecret, liveSecrets, signWebhook, webhookHeaders } from "./webhook-signature";
import { nextWebhookDelay, totalWebhookBackoffMs } from "./webhook-backoff";

// Independent Standard Webhooks verification with node:crypto (not the module under test).
function verify(secret: string, headers: Record<string, string>, body: string): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const expected = createHmac("sha256", key)
    .update(`${headers["webhook-id"]}.${headers["webhook-timestamp"]}.${body}`)
    .digest();
  return (headers["webhook-signature"] ?? "").split(" ").some((sig) => {
    const [version, value] = sig.split(",");
    if (version !== "v1" || !value) return false;
    const got = Buffer.from(value, "base64");
    return got.length === expected.length && timingSafeEqual(got, expected);
  });
}

describe("Standard Webhooks signature", () => {
  it("matches the specification's published example", () => {
    // From the Standard Webhooks reference implementations' tests.
    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    const body = '{"test": 2432232314}';
    expect(signWebhook(secret, id, 1614265330, body)).toBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  });

  it("signs with a fresh secret so an independent HMAC verifies it", () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const body = JSON.stringify({ type: "enrollment.created", timestamp: "2026-01-01T00:00:00.000Z", data: { a: 1 } });
    const headers = webhookHeaders({ id: "evt_1", timestampSeconds: 1_700_000_000, body, secrets: [secret] });
    expect(verify(secret, headers, body)).toBe(true);
    expect(verify(secret, headers, body + " ")).toBe(false);
    expect(verify(generateWebhookSecret(), headers, body)).toBe(false);
  });

  it("signs with both secrets during a rotation's overlap, only the new one after", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    const [oldSecret, newSecret] = [generateWebhookSecret(), generateWebhookSecret()];
    const during = liveSecrets({
      secret: newSecret,
      previousSecret: oldSecret,
      previousSecretExpiresAt: new Date(now.getTime() + 1000),
      now,
    });
    const headers = webhookHeaders({ id: "evt_2", timestampSeconds: 1, body: "{}", secrets: during });
    expect(headers["webhook-signature"]!.split(" ")).toHaveLength(2);
    expect(verify(oldSecret, headers, "{}")).toBe(true);
    expect(verify(newSecret, headers, "{}")).toBe(true);
    const after = liveSecrets({ secret: newSecret, previousSecret: oldSecret, previousSecretExpiresAt: now, now });
    expect(after).toEqual([newSecret]);
  });
});

describe("backoff schedule", () => {
  it("retries ten times over about 24 hours, then gives up", () => {
    expect(nextWebhookDelay(0)).toBe(0);
    expect(nextWebhookDelay(1)).toBe(5000);
    expect(nextWebhookDelay(10)).toBe(10 * 3600_000);
    expect(nextWebhookDelay(11)).toBeNull();
    const hours = totalWebhookBackoffMs() / 3600_000;
    expect(hours).toBeGreaterThan(23);
    expect(hours).toBeLessThan(25);
  });
});
