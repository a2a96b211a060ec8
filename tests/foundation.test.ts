import pg from "pg";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { signInAs } from "./support/session";
import { createUserAction, setUserRoleAction } from "@/lib/actions/users";
import { db } from "@/lib/server/db";
import { makeUser, uniqueEmail } from "./support/factories";
import { diffMigrationsToSchema, isEmptyDiff } from "../scripts/db/schema-engine";

afterAll(async () => {
  await db().$disconnect();
});

describe("PostgreSQL", () => {
  it("writes and reads a row through Prisma on the real database", async () => {
    const email = uniqueEmail("rw");
    await db().contact.create({ data: { email, firstName: "Rita" } });
    const found = await db().contact.findUnique({ where: { email } });
    expect(found?.firstName).toBe("Rita");
  });

  it("refuses a contact email that is not lower-case (so uniqueness is case-insensitive)", async () => {
    await expect(db().contact.create({ data: { email: "Mixed@Case.example" } })).rejects.toThrow();
  });

  it("records applied migrations in Prisma's _prisma_migrations table by directory name", async () => {
    const client = new pg.Client({ connectionString: process.env.OWNER_DATABASE_URL });
    await client.connect();
    const { rows } = await client.query<{ migration_name: string; finished_at: Date | null }>(
      "SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name",
    );
    await client.end();
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) {
      expect(row.migration_name).toMatch(/^\d{14}_[a-z0-9_]+$/);
      expect(row.finished_at).not.toBeNull();
    }
  });
});

describe("schema.prisma and prisma/migrations", () => {
  it("agree: the migrations build exactly the schema", async () => {
    // The owner: the diff builds a shadow database, which needs CREATEDB.
    const script = await diffMigrationsToSchema(process.env.OWNER_DATABASE_URL!);
    expect(isEmptyDiff(script), `Run \`npm run db:new -- <name>\`. Pending difference:\n${script}`).toBe(true);
  });

  it("the agreement check does detect a difference", () => {
    expect(isEmptyDiff("-- This is an empty migration.")).toBe(true);
    expect(isEmptyDiff('-- AlterTable\nALTER TABLE "users" ADD COLUMN "x" TEXT;')).toBe(false);
    expect(isEmptyDiff('-- DropIndex\nDROP INDEX "contacts_email_c";')).toBe(true);
    expect(isEmptyDiff('-- DropIndex\nDROP INDEX "users_email_key";')).toBe(false);
    expect(
      isEmptyDiff(
        '-- DropForeignKey\nALTER TABLE "enrollments" DROP CONSTRAINT "enrollments_version_in_sequence_fkey";',
      ),
    ).toBe(true);
    expect(
      isEmptyDiff('-- DropForeignKey\nALTER TABLE "enrollments" DROP CONSTRAINT "enrollments_contact_id_fkey";'),
    ).toBe(false);
  });
});

describe("the action client", () => {
  beforeEach(() => signInAs(null));

  it("refuses anonymous callers and writes nothing", async () => {
    const email = uniqueEmail("anon");
    const result = await createUserAction({ email, name: "X", role: "viewer", password: "long-enough-pw" });
    expect(result).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await db().user.count({ where: { email } })).toBe(0);
  });

  it("refuses a role below the action's rule and writes nothing", async () => {
    signInAs(await makeUser("editor"));
    const email = uniqueEmail("denied");
    const result = await createUserAction({ email, name: "X", role: "viewer", password: "long-enough-pw" });
    expect(result).toMatchObject({ ok: false, code: "forbidden" });
    expect(await db().user.count({ where: { email } })).toBe(0);
  });

  it("returns field errors for invalid input", async () => {
    signInAs(await makeUser("admin"));
    const result = await createUserAction({ email: "not-an-email", name: "", role: "viewer", password: "short" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe("invalid");
    expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual(["email", "name", "password"]);
  });

  it("lets an admin add a user, writing the audit row in the same transaction", async () => {
    const admin = await makeUser("admin");
    signInAs(admin);
    const email = uniqueEmail("new");
    const result = await createUserAction({
      email: email.toUpperCase(),
      name: "New Person",
      role: "editor",
      password: "long-enough-pw",
    });
    expect(result).toMatchObject({ ok: true, data: { email, role: "editor" } });
    const audit = await db().auditLog.findFirst({ where: { action: "user.create", actorId: admin.id } });
    expect(audit?.summary).toContain(email);
  });

  it("maps a duplicate email to a clear conflict message", async () => {
    signInAs(await makeUser("admin"));
    const email = uniqueEmail("dup");
    await createUserAction({ email, name: "A", role: "viewer", password: "long-enough-pw" });
    const again = await createUserAction({ email, name: "B", role: "viewer", password: "long-enough-pw" });
    expect(again).toMatchObject({ ok: false, code: "conflict" });
  });

  it("reads the role from the database, not the session: a demoted admin is refused at once", async () => {
    const admin = await makeUser("admin");
    signInAs(admin);
    await db().user.update({ where: { id: admin.id }, data: { role: "viewer" } });
    const target = await makeUser("viewer");
    const result = await setUserRoleAction({ userId: target.id, role: "editor" });
    expect(result).toMatchObject({ ok: false, code: "forbidden" });
    expect((await db().user.findUnique({ where: { id: target.id } }))?.role).toBe("viewer");
  });
});
