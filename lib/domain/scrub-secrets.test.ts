import { describe, expect, it } from "vitest";
import { scrubSecrets } from "./scrub-secrets";

describe("scrubSecrets", () => {
  it.each([
    ["key seq_live_AbC123_xyz-9 was revoked", "key seq_live_[redacted] was revoked"],
    ["signing with whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw=", "signing with whsec_[redacted]"],
    [
      'connect ECONNREFUSED for "postgresql://sequencer_app:hunter2@db.internal:5432/app"',
      'connect ECONNREFUSED for "postgresql://sequencer_app:[redacted]@db.internal:5432/app"',
    ],
    ["GET https://bob:tok3n@hooks.example.com/x failed", "GET https://bob:[redacted]@hooks.example.com/x failed"],
    ["header Authorization: Bearer seq_live_abc", "header Authorization: Bearer [redacted]"],
    ["Basic dXNlcjpwYXNz= rejected", "Basic [redacted] rejected"],
    ["host=db user=app password=s3cr3t dbname=x", "host=db user=app password=[redacted] dbname=x"],
    ["?token=abc.def&page=2", "?token=[redacted]&page=2"],
  ])("%s", (input, expected) => {
    expect(scrubSecrets(input)).toBe(expected);
  });

  it("leaves ordinary text, URLs without credentials and e-mail addresses alone", () => {
    const text = "Delivery to ana@example.com via https://example.com/hook failed: 503 Service Unavailable";
    expect(scrubSecrets(text)).toBe(text);
  });
});
