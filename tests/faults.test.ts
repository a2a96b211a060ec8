import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { createSequence } from "@/lib/server/sequences/create-sequence";
import { publishVersion } from "@/lib/server/sequences/publish-version";
import { saveDraft } from "@/lib/server/sequences/save-draft";
import { makeUser } from "./support/factories";
import { fiveStepDraft } from "./support/sequences";

afterAll(async () => {
  await db().$disconnect();
});

describe("a publish whose connection drops mid-transaction", () => {
  it("leaves no partial version: the version insert is rolled back with the transaction", async () => {
    const editor = await makeUser("editor");
    const { id } = await createSequence({ actorId: editor.id, name: "FAULT-TEST publish", description: "" });
    await saveDraft({ actorId: editor.id, sequenceId: id, revision: 0, draft: fiveStepDraft() });
    const admin = new pg.Client({ connectionString: process.env.OWNER_DATABASE_URL });
    await admin.connect();
    // Make the publish stall after it has inserted the version row (the audit row is written last, in the same transaction).
    await admin.query(`CREATE OR REPLACE FUNCTION fault_sleep() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.summary LIKE '%FAULT-TEST%' THEN PERFORM pg_sleep(30); END IF; RETURN NEW; END $$`);
    await admin.query(
      "CREATE TRIGGER fault_sleep BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION fault_sleep()",
    );
    try {
      const publishing = publishVersion({ actorId: editor.id, sequenceId: id, note: "will be cut off" }).then(
        () => "committed",
        () => "failed",
      );
      let victim: number | null = null;
      for (let i = 0; i < 100 && victim === null; i++) {
        const { rows } = await admin.query<{ pid: number }>(
          "SELECT pid FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND query ILIKE '%audit_log%'",
        );
        victim = rows[0]?.pid ?? null;
        if (victim === null) await new Promise((r) => setTimeout(r, 100));
      }
      expect(victim, "the publish never reached the audit insert").not.toBeNull();
      // The version row exists inside the open transaction at this point; cut the connection.
      await admin.query("SELECT pg_terminate_backend($1)", [victim]);
      expect(await publishing).toBe("failed");
    } finally {
      await admin.query("DROP TRIGGER IF EXISTS fault_sleep ON audit_log");
      await admin.end();
    }
    expect(await db().sequenceVersion.count({ where: { sequenceId: id } })).toBe(0);
    expect((await db().sequence.findUniqueOrThrow({ where: { id } })).activeVersionId).toBeNull();
    // The sequence is intact: the next publish is v1.
    expect(await publishVersion({ actorId: editor.id, sequenceId: id, note: "again" })).toMatchObject({
      number: 1,
      created: true,
    });
  });
});
