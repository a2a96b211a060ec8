// Test-only seeding for e2e/outcomes.spec.ts: the migration scenario's two versions, then
// delivered intro emails on each version and replies, written through the store (so the outcome
// counters move exactly as in production).
import pg from "pg";
import { insertEvents } from "../../lib/store/events";
import { insertMessages, markMessagesSent } from "../../lib/store/messages";
import { pgSql } from "../../lib/store/sql";
import { e2eDatabaseUrl, seedMigrationScenario } from "./seed-migration";

const HOUR = 3_600_000;

/** 200 enrollments; 100 intro emails delivered on v1 with 6 replies, 100 on v2 with 15. */
export async function seedOutcomeScenario(): Promise<{ sequenceId: string }> {
  const seeded = await seedMigrationScenario({ atTips: 200, atOffer: 0 });
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    await client.query("BEGIN");
    const sql = pgSql(client);
    const { rows } = await client.query<{ id: string; email: string }>(
      `SELECT e.id, c.email FROM enrollments e JOIN contacts c ON c.id = e.contact_id WHERE e.sequence_id = $1 ORDER BY c.email`,
      [seeded.sequenceId],
    );
    const sentAt = new Date(Date.now() - 20 * HOUR);
    const ids = await insertMessages(
      sql,
      rows.map((row, i) => ({
        enrollmentId: row.id,
        versionId: i < 100 ? seeded.v1 : seeded.v2,
        stepKey: "intro",
        executionKey: "0:intro",
        channel: "email" as const,
        to: row.email,
        subject: "Welcome",
        body: "Glad you are here.",
      })),
      sentAt,
    );
    await markMessagesSent(sql, ids, sentAt);
    const repliers = [...rows.slice(0, 6), ...rows.slice(100, 115)];
    await insertEvents(
      sql,
      repliers.map((row) => ({
        enrollmentId: row.id,
        versionId: seeded.v1,
        stepKey: "tips",
        stepIndex: 2,
        type: "replied" as const,
        detail: { exitOnReply: false },
      })),
      new Date(Date.now() - 10 * HOUR),
    );
    await client.query("COMMIT");
    return { sequenceId: seeded.sequenceId };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
