import { describe, expect, it } from "vitest";
import { generateWebhookSecret, signWebhook } from "@/lib/domain/webhook-signature";
import { nodeSignWebhook } from "./node-signer";

describe("node:crypto signer", () => {
  it("signs exactly like the portable one (and the specification's vector)", () => {
    const vector = [
      "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
      "msg_p5jXN8AQM9LWM0D4loKWxJek",
      1614265330,
      '{"test": 2432232314}',
    ] as const;
    expect(nodeSignWebhook(...vector)).toBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    for (let i = 0; i < 20; i++) {
      const secret = generateWebhookSecret();
      const body = JSON.stringify({ i, text: "héllo ✓" });
      expect(nodeSignWebhook(secret, `evt_${i}`, 1_700_000_000 + i, body)).toBe(
        signWebhook(secret, `evt_${i}`, 1_700_000_000 + i, body),
      );
    }
  });
});
