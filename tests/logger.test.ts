// The logger never writes a secret: named fields are redacted, and secrets inside free text (an
// error quoting a connection string, a message echoing a key) are scrubbed, in JSON lines.
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, errorFields } from "@/lib/observability/logger";

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      done();
    },
  });
  const log = createLogger({ proc: "test", env: { LOG_PRETTY: "0", NODE_ENV: "test" }, destination });
  return { log, lines: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe("logger", () => {
  it("redacts named secret fields and message content", () => {
    const { log, lines } = capture();
    log.info(
      { password: "hunter2", headers: { authorization: "Bearer seq_live_abc", cookie: "s=1" }, body: "Hi Ana" },
      "request",
    );
    const [line] = lines();
    expect(line).toMatchObject({ msg: "request", password: "[redacted]", body: "[redacted]", proc: "test" });
    expect(line!.headers).toEqual({ authorization: "[redacted]", cookie: "[redacted]" });
  });

  it("scrubs secrets inside messages and errors, keeping the rest readable", () => {
    const { log, lines } = capture();
    const error = new Error('connect failed for "postgresql://app:s3cr3t@db.internal:5432/app" with seq_live_XyZ123');
    log.error(errorFields(error), "database unreachable at postgresql://app:s3cr3t@db.internal/app");
    const text = JSON.stringify(lines());
    expect(text).not.toContain("s3cr3t");
    expect(text).not.toContain("XyZ123");
    const [line] = lines();
    expect(line!.msg).toBe("database unreachable at postgresql://app:[redacted]@db.internal/app");
    expect((line!.err as { message: string }).message).toBe(
      'connect failed for "postgresql://app:[redacted]@db.internal:5432/app" with seq_live_[redacted]',
    );
  });
});
