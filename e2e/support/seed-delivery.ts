// Test-only seeding for e2e/delivery-state.spec.ts: enrollments whose last step ran but whose
// message is still queued (or failed), written through the enrollment store as the runner writes
// a batch; the queued message waits on a retry a day away, so the worker leaves it where the spec put it.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { insertEnrollments } from "../../lib/store/enroll";
import { executionKey } from "../../lib/store/execution-key";
import { markMessageAttempts } from "../../lib/store/messages";
import { writeRunnerBatch } from "../../lib/store/runner-batch";
import { pgSql } from "../../lib/store/sql";
import { e2eDatabaseUrl } from "./seed-migration";

/**
 * One contact enrolled in a one-email sequence and completed `minutesAgo` minutes ago, its email
 * queued since then; with `failedWith`, the message failed for good with that reason instead.
 */
export async function seedCompletedWithMessage(options: {
  sequenceId: string;
  versionId: string;
  stepKey: string;
  minutesAgo: number;
  failedWith?: string;
}): Promise<{ enrollmentId: string; email: string }> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    await client.query("BEGIN");
    const sql = pgSql(client);
    const at = new Date(Date.now() - options.minutesAgo * 60_000);
    const email = `delivery-${randomUUID().slice(0, 8)}@example.com`;
    const { rows: c } = await client.query<{ id: string }>(
      `INSERT INTO contacts (email, first_name) VALUES ($1, 'Dana') RETURNING id`,
      [email],
    );
    const contactId = c[0]!.id;
    await insertEnrollments(sql, {
      sequenceId: options.sequenceId,
      versionId: options.versionId,
      firstStepKey: options.stepKey,
      contactIds: [contactId],
      actorId: null,
      now: at,
    });
    const { rows: e } = await client.query<{ id: string; pass: number }>(
      `SELECT id, pass FROM enrollments WHERE contact_id = $1 AND sequence_id = $2`,
      [contactId, options.sequenceId],
    );
    const { id: enrollmentId, pass } = e[0]!;
    const key = executionKey(pass, options.stepKey);
    const base = { enrollmentId, versionId: options.versionId, stepKey: options.stepKey, stepIndex: 0 };
    const [messageId] = await writeRunnerBatch(
      sql,
      {
        events: [
          { ...base, type: "step_executed", executionKey: key },
          { ...base, stepKey: null, stepIndex: null, type: "completed" },
        ],
        messages: [
          {
            enrollmentId,
            versionId: options.versionId,
            stepKey: options.stepKey,
            executionKey: key,
            channel: "email",
            to: email,
            subject: "Your receipt",
            body: "Thanks, Dana.",
          },
        ],
        tasks: [],
        saves: [
          {
            id: enrollmentId,
            versionId: options.versionId,
            pass,
            stepKey: null,
            state: { status: "completed", stepIndex: 1, nextRunAt: null, exitReason: null },
          },
        ],
      },
      at,
    );
    // Workers deliver every due queued message, so the queued one is parked on a retry a day
    // away (one attempt, as a slow provider would leave it); the failed one fails for good.
    const retryAt = options.failedWith ? null : new Date(Date.now() + 24 * 60 * 60_000);
    const error = options.failedWith ?? "421 try again later (test)";
    await markMessageAttempts(sql, [{ id: messageId!, error, retryAt }]);
    await client.query("COMMIT");
    return { enrollmentId, email };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

/** `count` contacts named `<prefix>-<n>@example.com`, in one statement (a spec's bulk input). */
export async function seedContacts(prefix: string, count: number): Promise<void> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO contacts (email, first_name) SELECT $1 || '-' || n || '@example.com', 'Bulk' FROM generate_series(1, $2::int) n`,
      [prefix.toLowerCase(), count],
    );
  } finally {
    await client.end();
  }
}
