// Email through SMTP (nodemailer) into a local sink: delivered, retried after a refusal once its
// backoff has passed on the clock, and failed for good (message and enrollment) when every
// attempt is refused.
import { afterAll, describe, expect, it } from "vitest";
import { ManualClock } from "@/lib/engine/clock";
import { drainDue } from "@/lib/engine/run-batch";
import { startWorker } from "@/lib/engine/worker";
import { createContacts, createSequenceWithVersion, enroll, testPool, timeline } from "./support/runner-fixtures";
import { waitFor } from "./support/runner-process";
import { startSmtpSink } from "./support/runner-smtp-sink";

const pool = testPool();
const clock = new ManualClock("1990-06-04T08:00:00.000Z");

afterAll(() => pool.end());

type MessageRow = { to: string; status: string; attempts: number; last_error: string | null; enrollment_id: string };

describe("SMTP delivery", () => {
  it("delivers through nodemailer, retries a refused send, and fails message and enrollment after the last attempt", async () => {
    const prefix = `smtp${Date.now()}`;
    const [ok, flaky, bounce] = [1, 2, 3].map((i) => `${prefix}-${i}@test.example`);
    const sink = await startSmtpSink({ rejectOnce: [flaky!], rejectAlways: [bounce!] });
    const { sequenceId, versionId } = await createSequenceWithVersion(pool, [
      { key: "e1", type: "email", subject: "Hello {{first_name}}", body: "Dear {{first_name}} {{last_name}}" },
      { key: "w1", type: "wait", amount: 1, unit: "days" },
    ]);
    const contacts = await createContacts(pool, 3, prefix);
    await enroll(pool, { sequenceId, versionId, contactIds: contacts, at: clock.now() });
    expect((await drainDue({ pool, now: clock.now(), scope: { sequenceIds: [sequenceId] } })).messages).toBe(3);

    const worker = await startWorker({
      connectionString: process.env.DATABASE_URL,
      scope: { sequenceIds: [sequenceId] },
      advance: false,
      smtpUrl: sink.url,
      concurrency: 2,
      pollMs: 100,
      delivery: { maxAttempts: 2, backoffMs: 60_000 },
      clock,
    });
    const rows = () =>
      pool
        .query<MessageRow>(
          `SELECT m."to", m.status::text AS status, m.attempts, m.last_error, m.enrollment_id FROM messages m JOIN enrollments e ON e.id = m.enrollment_id WHERE e.sequence_id = $1 ORDER BY m."to"`,
          [sequenceId],
        )
        .then((r) => r.rows);
    let final: MessageRow[];
    try {
      // First attempts: one sent, two refused and scheduled a minute later on the clock.
      await waitFor(rows, (r) => r.every((m) => m.attempts === 1), {
        timeoutMs: 30_000,
        intervalMs: 100,
        what: "the first attempts",
      });
      expect((await rows()).filter((m) => m.status === "queued")).toHaveLength(2);
      clock.advance(60_000);
      final = await waitFor(rows, (r) => r.every((m) => m.status !== "queued"), {
        timeoutMs: 30_000,
        intervalMs: 100,
        what: "all three messages to settle",
      });
    } finally {
      await worker.stop();
      await sink.close();
    }

    const byTo = new Map(final.map((m) => [m.to, m]));
    expect(byTo.get(ok!)).toMatchObject({ status: "sent", attempts: 1, last_error: null });
    expect(byTo.get(flaky!)).toMatchObject({ status: "sent", attempts: 2, last_error: null });
    expect(byTo.get(bounce!)).toMatchObject({ status: "failed", attempts: 2 });
    expect(byTo.get(bounce!)!.last_error).toMatch(/550|mailbox unavailable|rejected/i);

    // What the sink captured: the two delivered emails, once each, with rendered content.
    const mine = sink.captured.filter((c) => c.to.some((t) => t.startsWith(prefix)));
    expect(mine.map((c) => c.to[0]).sort()).toEqual([ok, flaky]);
    expect(mine.find((c) => c.to[0] === ok)!.raw).toMatch(/Subject: Hello First1/);
    expect(mine.find((c) => c.to[0] === flaky)!.raw).toMatch(/Dear First2 Last2/);
    expect(sink.attempts.get(flaky!)).toBe(2);
    expect(sink.attempts.get(bounce!)).toBe(2);

    const statuses = await pool.query<{ email: string; status: string; exit_reason: string | null }>(
      `SELECT c.email, e.status::text AS status, e.exit_reason FROM enrollments e JOIN contacts c ON c.id = e.contact_id WHERE e.sequence_id = $1`,
      [sequenceId],
    );
    const statusOf = new Map(statuses.rows.map((r) => [r.email, r]));
    expect(statusOf.get(ok!)?.status).toBe("active");
    expect(statusOf.get(flaky!)?.status).toBe("active");
    expect(statusOf.get(bounce!)?.status).toBe("failed");
    expect(statusOf.get(bounce!)?.exit_reason).toMatch(/^Delivery failed: /);

    const bounceTimeline = await timeline(pool, byTo.get(bounce!)!.enrollment_id);
    expect(bounceTimeline.map((e) => e.type).slice(-2)).toEqual(["message_failed", "failed"]);
    const flakyTimeline = await timeline(pool, byTo.get(flaky!)!.enrollment_id);
    expect(flakyTimeline.filter((e) => e.type === "message_sent")).toHaveLength(1);
  });
});
