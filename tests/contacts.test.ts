// Contacts: keyset search by email and name (and that the planner uses the indexes for it at
// 100,000 contacts), create/update, and the CSV import's batch upsert through the real actions.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// First: its vi.mock of next-auth must be registered before the actions load.
import { signInAs } from "./support/session";
import {
  countMatchingContactsAction,
  createContactAction,
  importContactsBatchAction,
  matchingContactIdsAction,
  updateContactAction,
} from "@/lib/actions/contacts";
import { db } from "@/lib/server/db";
import { searchContacts } from "@/lib/server/contacts/search-contacts";
import { makeUser } from "./support/factories";
import { testPool } from "./support/runner-fixtures";
import { guessMapping, validateRows } from "@/components/contacts/csv-validate";
import { CONTACT_LIMITS, contactInputSchema, importBatchSchema } from "@/lib/domain/contact-input";

const pool = testPool();
afterAll(() => pool.end());

describe("contact search", () => {
  const tag = `s${randomUUID().slice(0, 6)}`;
  beforeAll(async () => {
    // 30 contacts named "<tag>zed <i>"; 3 with a literal underscore in the name to test LIKE escaping.
    await pool.query(
      `INSERT INTO contacts (email, first_name, last_name)
       SELECT $1 || '-' || lpad(i::text, 3, '0') || '@search.example', $1 || 'zed', 'N' || lpad(i::text, 3, '0') FROM generate_series(1, 30) AS i`,
      [tag],
    );
    await pool.query(
      `INSERT INTO contacts (email, first_name, last_name) SELECT $1 || '-u' || i || '@search.example', $1 || '_x', 'U' FROM generate_series(1, 3) AS i`,
      [tag],
    );
  });

  it("pages through an email prefix with a keyset cursor, without gaps or repeats", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page: Awaited<ReturnType<typeof searchContacts>> = await searchContacts({
        query: `${tag}-0`,
        field: "email",
        after,
        limit: 7,
      });
      seen.push(...page.rows.map((r) => r.email));
      after = page.next;
      if (!after) break;
    }
    expect(seen).toHaveLength(30);
    expect(new Set(seen).size).toBe(30);
    expect([...seen].sort()).toEqual(seen);
  });

  it("searches names by case-insensitive prefix, ordered by name then id, and treats _ and % literally", async () => {
    const page1 = await searchContacts({ query: `${tag.toUpperCase()}ZED N00`, field: "name", limit: 5 });
    expect(page1.rows.map((r) => r.lastName)).toEqual(["N001", "N002", "N003", "N004", "N005"]);
    const page2 = await searchContacts({ query: `${tag}zed n00`, field: "name", after: page1.next, limit: 5 });
    expect(page2.rows.map((r) => r.lastName)).toEqual(["N006", "N007", "N008", "N009"]);
    expect(page2.next).toBeNull();
    expect((await searchContacts({ query: `${tag}_`, field: "name", limit: 50 })).rows).toHaveLength(3);
    expect((await searchContacts({ query: `${tag}%`, field: "name", limit: 50 })).rows).toHaveLength(0);
  });

  it("ignores a tampered cursor instead of failing", async () => {
    const page = await searchContacts({ query: tag, field: "email", after: "not-a-cursor", limit: 3 });
    expect(page.rows).toHaveLength(3);
  });

  it("walks every matching id for 'enroll all matching' and counts them", async () => {
    const editor = await makeUser("editor");
    signInAs(editor);
    const ids: string[] = [];
    let after: string | null = null;
    do {
      const result: Awaited<ReturnType<typeof matchingContactIdsAction>> = await matchingContactIdsAction({
        query: `${tag}zed`,
        field: "name",
        after,
        limit: 8,
      });
      if (!result.ok) throw new Error(result.error);
      ids.push(...result.data.ids);
      after = result.data.next;
    } while (after);
    expect(new Set(ids).size).toBe(30);
    expect(await countMatchingContactsAction({ query: `${tag}zed`, field: "name" })).toEqual({
      ok: true,
      data: { count: 30 },
    });
  });

  it("uses the C-collation indexes at 100,000 contacts (EXPLAIN)", async () => {
    const big = `b${randomUUID().slice(0, 6)}`;
    await pool.query(
      `INSERT INTO contacts (email, first_name, last_name)
       SELECT $1 || '-' || i || '@bulk.example', 'Bulk' || (i % 997), 'Person' || i FROM generate_series(1, 100000) AS i`,
      [big],
    );
    await pool.query("ANALYZE contacts");
    const plan = async (sql: string, params: unknown[]) =>
      (await pool.query<{ "QUERY PLAN": string }>(`EXPLAIN ${sql}`, params)).rows
        .map((r) => r["QUERY PLAN"])
        .join("\n");
    const byEmail = await plan(
      `SELECT c.id FROM contacts c WHERE (c.email COLLATE "C") LIKE $1 AND (c.email COLLATE "C") > $2 ORDER BY (c.email COLLATE "C") LIMIT 51`,
      [`${big}-12%`, ""],
    );
    expect(byEmail).toMatch(/contacts_email_c/);
    const NAME = `(lower(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '')) COLLATE "C")`;
    const byName = await plan(
      `SELECT c.id FROM contacts c WHERE ${NAME} LIKE $1 AND (${NAME}, c.id) > ($2, $3::uuid) ORDER BY ${NAME}, c.id LIMIT 51`,
      ["bulk12 %", "", "00000000-0000-0000-0000-000000000000"],
    );
    // A narrow prefix may use either name index (few rows to sort); a broad one must read in index order.
    expect(byName).toMatch(/contacts_name_(c|search)/);
    const broad = await plan(
      `SELECT c.id FROM contacts c WHERE ${NAME} LIKE $1 AND (${NAME}, c.id) > ($2, $3::uuid) ORDER BY ${NAME}, c.id LIMIT 51`,
      ["bulk%", "", "00000000-0000-0000-0000-000000000000"],
    );
    expect(broad).toMatch(/Index Scan using contacts_name_c/);
    expect(broad).not.toMatch(/Sort/);
    const started = performance.now();
    const page = await searchContacts({ query: "bulk12 ", field: "name", limit: 50 });
    expect(page.rows).toHaveLength(50);
    expect(performance.now() - started).toBeLessThan(500);
  }, 60_000);
});

describe("create, update and import", () => {
  it("creates a contact with a lower-cased email and refuses a duplicate with a readable error", async () => {
    signInAs(await makeUser("editor"));
    const email = `New-${randomUUID().slice(0, 6)}@Example.com`;
    const created = await createContactAction({ email, firstName: "Nia", lastName: "", phone: "" });
    expect(created.ok).toBe(true);
    const row = await db().contact.findUniqueOrThrow({ where: { email: email.toLowerCase() } });
    expect(row).toMatchObject({ firstName: "Nia", lastName: null, phone: null });
    const again = await createContactAction({ email: email.toLowerCase() });
    expect(again).toMatchObject({ ok: false, code: "conflict" });
    const bad = await createContactAction({ email: "not an email" });
    expect(bad).toMatchObject({ ok: false, code: "invalid" });
  });

  it("updates fields without wiping imported attributes", async () => {
    signInAs(await makeUser("editor"));
    const email = `upd-${randomUUID().slice(0, 6)}@example.com`;
    const contact = await db().contact.create({ data: { email, attributes: { plan: "pro" } } });
    const result = await updateContactAction({
      contactId: contact.id,
      contact: { email, firstName: "Ula", phone: "+1 555" },
    });
    expect(result.ok).toBe(true);
    expect(await db().contact.findUniqueOrThrow({ where: { id: contact.id } })).toMatchObject({
      firstName: "Ula",
      phone: "+1 555",
      attributes: { plan: "pro" },
    });
  });

  it("upserts a batch by email in one statement: new rows created, known ones updated, attributes merged", async () => {
    signInAs(await makeUser("editor"));
    const t = randomUUID().slice(0, 6);
    await db().contact.create({
      data: { email: `known-${t}@example.com`, firstName: "Old", attributes: { keep: "yes" } },
    });
    const result = await importContactsBatchAction({
      rows: [
        { email: `KNOWN-${t}@example.com`, firstName: "New", attributes: { city: "Oslo" } },
        { email: `a-${t}@example.com`, firstName: "A" },
        { email: `b-${t}@example.com`, lastName: "B", phone: "123" },
      ],
    });
    expect(result).toEqual({ ok: true, data: { received: 3, created: 2, updated: 1 } });
    expect(await db().contact.findUniqueOrThrow({ where: { email: `known-${t}@example.com` } })).toMatchObject({
      firstName: "New",
      attributes: { keep: "yes", city: "Oslo" },
    });
    const audit = await db().auditLog.findFirst({ where: { action: "contact.import" }, orderBy: { at: "desc" } });
    expect(audit?.summary).toMatch(/2 new, 1 updated/);
  });

  it("refuses a batch over 1,000 rows, a bad email, a duplicate within the batch, and a viewer", async () => {
    signInAs(await makeUser("editor"));
    const many = Array.from({ length: 1001 }, (_, i) => ({ email: `m${i}@example.com` }));
    expect(await importContactsBatchAction({ rows: many })).toMatchObject({ ok: false, code: "invalid" });
    expect(await importContactsBatchAction({ rows: [{ email: "nope" }] })).toMatchObject({
      ok: false,
      code: "invalid",
    });
    expect(
      await importContactsBatchAction({ rows: [{ email: "dup@example.com" }, { email: "DUP@example.com" }] }),
    ).toMatchObject({ ok: false, error: expect.stringMatching(/twice/) });
    signInAs(await makeUser("viewer"));
    expect(await importContactsBatchAction({ rows: [{ email: "v@example.com" }] })).toMatchObject({
      ok: false,
      code: "forbidden",
    });
  });
});

describe("CSV validation (client side, every row)", () => {
  it("maps headers, reports bad and duplicate emails by line, and keeps extra columns as attributes", () => {
    const headers = ["E-mail", "First Name", "Surname", "Company"];
    const mapping = guessMapping(headers);
    expect(mapping).toEqual({
      email: "E-mail",
      first_name: "First Name",
      last_name: "Surname",
      phone: null,
      time_zone: null,
    });
    const rows = [
      { "E-mail": "Ann@Example.com", "First Name": "Ann", Surname: "Lee", Company: "Acme" },
      { "E-mail": "not-an-email", "First Name": "Bad", Surname: "", Company: "" },
      { "E-mail": "ann@example.com", "First Name": "Ann again", Surname: "", Company: "" },
      { "E-mail": "", "First Name": "Nobody", Surname: "", Company: "" },
    ];
    const result = validateRows(rows, headers, mapping, true);
    expect(result.valid).toEqual([
      {
        email: "ann@example.com",
        firstName: "Ann",
        lastName: "Lee",
        phone: null,
        timeZone: null,
        attributes: { Company: "Acme" },
      },
    ]);
    expect(result.invalidRows).toBe(3);
    expect(result.errors.map((e) => e.line)).toEqual([3, 4, 5]);
    expect(result.errors[1]?.message).toMatch(/duplicate of line 2/);
  });

  it("checks each row with the server's own contact schema, so the limits are the server's", () => {
    const headers = ["email", "phone", "Note"];
    const mapping = guessMapping(headers);
    const rows = [
      {
        email: "ok@example.com",
        phone: "1".repeat(CONTACT_LIMITS.phone),
        Note: "x".repeat(CONTACT_LIMITS.attributeValue),
      },
      { email: "long@example.com", phone: "1".repeat(CONTACT_LIMITS.phone + 1), Note: "" },
      { email: "note@example.com", phone: "", Note: "x".repeat(CONTACT_LIMITS.attributeValue + 1) },
    ];
    const result = validateRows(rows, headers, mapping, true);
    expect(result.errors).toEqual([
      {
        line: 3,
        column: "phone",
        value: "1".repeat(CONTACT_LIMITS.phone + 1),
        message: `longer than ${CONTACT_LIMITS.phone} characters`,
      },
      {
        line: 4,
        column: "Note",
        value: `${"x".repeat(200)}…`,
        message: `longer than ${CONTACT_LIMITS.attributeValue} characters`,
      },
    ]);
    expect(importBatchSchema.safeParse({ rows: result.valid }).success).toBe(true);
    for (const row of rows.slice(1)) {
      expect(
        contactInputSchema.safeParse({
          email: row.email,
          phone: row.phone,
          attributes: row.Note ? { Note: row.Note } : {},
        }).success,
      ).toBe(false);
    }
  });
});
