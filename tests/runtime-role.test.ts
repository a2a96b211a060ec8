// The role the app and the worker connect as (process.env.DATABASE_URL here, as in `npm run dev`)
// cannot switch the immutability guarantee off, and the version foreign keys refuse bad rows.
// Every other integration test runs its service code and workers as this same role, which is
// what shows it can do the app's normal work.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/server/session";
import { db } from "@/lib/server/db";
import { publishVersion } from "@/lib/server/sequences/publish-version";
import { RUNTIME_GROUP, runtimeRoleProblems } from "../scripts/db/roles";
import { makeUser } from "./support/factories";
import { makeContacts, makeSequenceWithDraft } from "./support/sequences";

let runtime: pg.Client;
let editor: SessionUser;
let versionId: string;
let sequenceId: string;

beforeAll(async () => {
  runtime = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await runtime.connect();
  editor = await makeUser("editor");
  sequenceId = (await makeSequenceWithDraft(editor.id)).id;
  versionId = (await publishVersion({ actorId: editor.id, sequenceId, note: "runtime role" })).versionId;
});

afterAll(async () => {
  await runtime.end();
  await db().$disconnect();
});

/** Runs `sql` in a transaction of its own (rolled back) and returns the error it raised. */
async function refusal(sql: string, params: unknown[] = []): Promise<string> {
  await runtime.query("BEGIN");
  try {
    await runtime.query(sql, params);
    return "";
  } catch (error) {
    return (error as Error).message;
  } finally {
    await runtime.query("ROLLBACK");
  }
}

describe("the runtime role", () => {
  it("is not the owner: no superuser, a member of sequencer_runtime, owning no table", async () => {
    const owner = new URL(process.env.OWNER_DATABASE_URL!).username;
    const { rows } = await runtime.query<{ who: string; superuser: boolean; member: boolean; owned: string }>(
      `SELECT current_user AS who, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
              pg_has_role(current_user, $1, 'MEMBER') AS member,
              (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE n.nspname IN ('public', 'graphile_worker') AND pg_has_role(current_user, c.relowner, 'MEMBER')) AS owned`,
      [RUNTIME_GROUP],
    );
    expect(rows[0]).toMatchObject({ superuser: false, member: true, owned: "0" });
    expect(rows[0]!.who).not.toBe(owner);
    const { rows: tables } = await runtime.query<{ n: string }>(
      "SELECT count(*) AS n FROM pg_tables WHERE schemaname IN ('public', 'graphile_worker') AND tableowner = current_user",
    );
    expect(tables[0]!.n).toBe("0");
    expect(await runtimeRoleProblems(process.env.DATABASE_URL!)).toEqual([]);
  });

  it("cannot disable the immutability triggers or replication-role them away", async () => {
    expect(await refusal("ALTER TABLE sequence_versions DISABLE TRIGGER ALL")).toMatch(/must be owner/);
    expect(await refusal("ALTER TABLE sequence_versions DISABLE TRIGGER sequence_versions_no_update")).toMatch(
      /must be owner/,
    );
    expect(await refusal("DROP TRIGGER sequence_versions_no_delete ON sequence_versions")).toMatch(/must be owner/);
    expect(await refusal("SET session_replication_role = replica")).toMatch(/permission denied/);
    expect(
      await refusal(
        "CREATE TRIGGER sneaky BEFORE UPDATE ON sequence_versions FOR EACH ROW EXECUTE FUNCTION sequencer_uuidv7()",
      ),
    ).toMatch(/permission denied|must be owner/);
  });

  it("cannot UPDATE, DELETE or TRUNCATE sequence_versions (by privilege, before any trigger)", async () => {
    expect(await refusal("UPDATE sequence_versions SET note = 'changed' WHERE id = $1", [versionId])).toMatch(
      /permission denied/,
    );
    expect(await refusal("DELETE FROM sequence_versions WHERE id = $1", [versionId])).toMatch(/permission denied/);
    expect(await refusal("TRUNCATE sequence_versions CASCADE")).toMatch(/permission denied/);
    // It may read Prisma's bookkeeping (/api/ready compares it with the build), never change it.
    expect(await refusal("DELETE FROM _prisma_migrations")).toMatch(/permission denied/);
    expect(await refusal("UPDATE _prisma_migrations SET rolled_back_at = now()")).toMatch(/permission denied/);
    const { rows } = await runtime.query<{ note: string }>("SELECT note FROM sequence_versions WHERE id = $1", [
      versionId,
    ]);
    expect(rows[0]!.note).toBe("runtime role");
  });
});

describe("the version foreign keys", () => {
  it("refuse a version published by a user that does not exist", async () => {
    const message = await refusal(
      `INSERT INTO sequence_versions (sequence_id, number, content, content_hash, published_by_id) VALUES ($1, 999, '{}', 'x', $2)`,
      [sequenceId, randomUUID()],
    );
    expect(message).toMatch(/sequence_versions_published_by_id_fkey/);
  });

  it("refuse an enrollment pinned to a version of another sequence, and accept one of its own", async () => {
    const other = await makeSequenceWithDraft(editor.id);
    const otherVersion = await publishVersion({ actorId: editor.id, sequenceId: other.id, note: "other" });
    const [contactId] = await makeContacts(1, "fk");
    const insert = "INSERT INTO enrollments (contact_id, sequence_id, sequence_version_id) VALUES ($1, $2, $3)";
    expect(await refusal(insert, [contactId, sequenceId, otherVersion.versionId])).toMatch(
      /enrollments_version_in_sequence_fkey/,
    );
    expect(await refusal(insert, [contactId, other.id, otherVersion.versionId])).toBe("");
  });
});
