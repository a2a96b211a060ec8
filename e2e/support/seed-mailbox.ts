// Test-only seeding for e2e/mailbox.spec.ts: messages written through the enrollment store as the
// runner and the deliverer write them (one email sent on its second attempt, one SMS, one older
// email), so the mailbox and message page have known rows without waiting for the worker.
import pg from "pg";
import { insertEnrollments } from "../../lib/store/enroll";
import { executionKey } from "../../lib/store/execution-key";
import { markMessageAttempts, markMessagesSent } from "../../lib/store/messages";
import { writeRunnerBatch } from "../../lib/store/runner-batch";
import { pgSql } from "../../lib/store/sql";
import { e2eDatabaseUrl } from "./seed-migration";

type SeedMessage = {
  stepKey: string;
  stepIndex: number;
  channel: "email" | "sms";
  subject: string | null;
  body: string;
  /** Created this long ago (sent one minute later). */
  hoursAgo: number;
  /** A failed attempt before the successful one, with this transport error. */
  failedFirst?: string;
};

/** One contact on the sequence, with these messages produced and sent; returns their ids in order. */
export async function seedMailboxContact(options: {
  sequenceId: string;
  versionId: string;
  firstStepKey: string;
  contact: { email: string; firstName: string; lastName: string; phone: string };
  messages: SeedMessage[];
}): Promise<{ enrollmentId: string; messageIds: string[] }> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    await client.query("BEGIN");
    const sql = pgSql(client);
    const { rows: c } = await client.query<{ id: string }>(
      `INSERT INTO contacts (email, first_name, last_name, phone) VALUES ($1, $2, $3, $4) RETURNING id`,
      [options.contact.email, options.contact.firstName, options.contact.lastName, options.contact.phone],
    );
    const contactId = c[0]!.id;
    const oldest = Math.max(...options.messages.map((m) => m.hoursAgo));
    await insertEnrollments(sql, {
      sequenceId: options.sequenceId,
      versionId: options.versionId,
      firstStepKey: options.firstStepKey,
      contactIds: [contactId],
      actorId: null,
      // Enrolled before its first message.
      now: new Date(Date.now() - (oldest + 1) * 3_600_000),
    });
    const { rows: e } = await client.query<{ id: string; pass: number }>(
      `SELECT id, pass FROM enrollments WHERE contact_id = $1 AND sequence_id = $2`,
      [contactId, options.sequenceId],
    );
    const { id: enrollmentId, pass } = e[0]!;
    const messageIds: string[] = [];
    for (const m of options.messages) {
      const at = new Date(Date.now() - m.hoursAgo * 3_600_000);
      const key = executionKey(pass, m.stepKey);
      const base = { enrollmentId, versionId: options.versionId, stepKey: m.stepKey, stepIndex: m.stepIndex };
      const [id] = await writeRunnerBatch(
        sql,
        {
          events: [{ ...base, type: "step_executed", executionKey: key }],
          messages: [
            {
              enrollmentId,
              versionId: options.versionId,
              stepKey: m.stepKey,
              executionKey: key,
              channel: m.channel,
              to: m.channel === "sms" ? options.contact.phone : options.contact.email,
              subject: m.subject,
              body: m.body,
            },
          ],
          tasks: [],
          saves: [],
        },
        at,
      );
      if (m.failedFirst)
        await markMessageAttempts(
          sql,
          [{ id: id!, error: m.failedFirst, retryAt: new Date(at.getTime() + 30_000) }],
          at,
        );
      await markMessagesSent(sql, [id!], new Date(at.getTime() + 60_000));
      messageIds.push(id!);
    }
    // Completed in the same transaction, so the running worker never sees it due.
    await writeRunnerBatch(
      sql,
      {
        events: [{ enrollmentId, versionId: options.versionId, stepKey: null, stepIndex: null, type: "completed" }],
        messages: [],
        tasks: [],
        saves: [
          {
            id: enrollmentId,
            versionId: options.versionId,
            pass,
            stepKey: null,
            state: { status: "completed", stepIndex: options.messages.length, nextRunAt: null, exitReason: null },
          },
        ],
      },
      new Date(),
    );
    await client.query("COMMIT");
    return { enrollmentId, messageIds };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
