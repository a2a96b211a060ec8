// The mailbox read (search, filters, step names from the pinned version, keyset pages) and the
// message page's read (headers, itemised delivery attempts with safe summaries), on a real runner
// pass and real delivery claims; plus the query plans on a few thousand messages.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverDue } from "@/lib/engine/deliver-messages";
import { drainDue } from "@/lib/engine/run-batch";
import { OutboxTransport, type Transport } from "@/lib/engine/transports";
import { db } from "@/lib/server/db";
import { findMessage } from "@/lib/server/enrollment-views/find-message";
import { listMessages } from "@/lib/server/enrollment-views/list-messages";
import { enrollContacts } from "@/lib/server/sequences/enroll-contacts";
import { publishVersion } from "@/lib/server/sequences/publish-version";
import { makeUser } from "./support/factories";
import { testPool } from "./support/runner-fixtures";
import { makeContacts, makeSequenceWithDraft } from "./support/sequences";

const pool = testPool();
afterAll(async () => {
  await pool.end();
  await db().$disconnect();
});

const T0 = new Date("1985-03-04T09:00:00.000Z");
const refusing: Transport = {
  name: "refusing",
  send: async () => {
    throw new Error("connect ECONNREFUSED 10.9.8.7:2525");
  },
};

describe("mailbox", () => {
  let sequenceId = "";
  let versionId = "";
  let emails: string[] = [];

  beforeAll(async () => {
    const editor = await makeUser("editor");
    const seq = await makeSequenceWithDraft(editor.id);
    sequenceId = seq.id;
    versionId = (await publishVersion({ actorId: editor.id, sequenceId, note: "v1" })).versionId;
    const contactIds = await makeContacts(3, "mbx");
    emails = (await db().contact.findMany({ where: { id: { in: contactIds } }, orderBy: { email: "asc" } })).map(
      (c) => c.email,
    );
    await enrollContacts({ actorId: editor.id, sequenceId, contactIds, now: T0 });
    await drainDue({ pool, now: T0, scope: { sequenceIds: [sequenceId] } });
  });

  it("names the step from the pinned version and the contact, never the step key alone", async () => {
    const page = await listMessages({ sequenceId, limit: 10 });
    expect(page.rows).toHaveLength(3);
    for (const row of page.rows) {
      expect(row.step).toEqual({ index: 0, type: "email", label: "Welcome aboard, {{first_name}}" });
      expect(row.versionId).toBe(versionId);
      expect(row.contact.name).toMatch(/^First\d Last\d$/);
      expect(emails).toContain(row.contact.email);
    }
  });

  it("searches by contact email or name prefix, and by subject prefix, case-insensitively", async () => {
    const ids = async (query: string, extra: Parameters<typeof listMessages>[0] = { limit: 10 }) =>
      (await listMessages({ ...extra, sequenceId, query })).rows.map((r) => r.contact.email);
    expect(await ids(emails[1]!.toUpperCase())).toEqual([emails[1]]);
    expect(await ids(emails[0]!.slice(0, 8))).toHaveLength(3);
    expect(await ids("first2 last")).toEqual([emails[2]]);
    expect(await ids("WELCOME ABOARD, FIRST1")).toEqual([emails[1]]);
    expect(await ids("welcome aboard")).toHaveLength(3);
    // LIKE wildcards are literal text.
    expect(await ids("%")).toEqual([]);
    expect(await ids("_elcome")).toEqual([]);
    expect(await ids("aboard")).toEqual([]);
    // A search pages like the plain list, without duplicates from its two branches.
    const first = await listMessages({ sequenceId, query: "welcome", limit: 2 });
    const second = await listMessages({ sequenceId, query: "welcome", limit: 2, before: first.next });
    expect(first.rows).toHaveLength(2);
    expect(second.rows).toHaveLength(1);
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(3);
  });

  it("filters by version, channel, status and created time", async () => {
    const count = async (o: Partial<Parameters<typeof listMessages>[0]>) =>
      (await listMessages({ sequenceId, limit: 10, ...o })).rows.length;
    expect(await count({ versionId })).toBe(3);
    expect(await count({ versionId: "0190f3c1-1111-7000-8000-000000000000" })).toBe(0);
    expect(await count({ channel: "email" })).toBe(3);
    expect(await count({ channel: "sms" })).toBe(0);
    expect(await count({ createdFrom: T0, createdTo: new Date(T0.getTime() + 1) })).toBe(3);
    expect(await count({ createdFrom: new Date(T0.getTime() + 1) })).toBe(0);
    expect(await count({ createdTo: T0 })).toBe(0);
  });

  it("lists each delivery attempt with a safe summary, and the headers the transport sends", async () => {
    const [row] = (await listMessages({ sequenceId, query: emails[0]!, limit: 1 })).rows;
    const scope = { messageIds: [row!.id] };
    const first = await deliverDue({ pool, now: T0, transportFor: () => refusing, scope });
    expect(first).toMatchObject({ claimed: 1, retrying: 1 });
    const retrying = await findMessage(row!.id);
    expect(retrying!.deliveryAttempts).toEqual([
      { attempt: 1, at: T0, outcome: "retrying", error: "Could not reach the mail server" },
    ]);
    expect(retrying!.lastError).toBe("Could not reach the mail server");
    expect(retrying!.nextAttemptAt!.getTime()).toBeGreaterThan(T0.getTime());
    expect(JSON.stringify(retrying)).not.toContain("10.9.8.7");

    const later = new Date(T0.getTime() + 86_400_000);
    const outbox = new OutboxTransport();
    expect(await deliverDue({ pool, now: later, transportFor: () => outbox, scope })).toMatchObject({ sent: 1 });
    const sent = await findMessage(row!.id);
    expect(sent!.deliveryAttempts).toEqual([
      { attempt: 1, at: T0, outcome: "retrying", error: "Could not reach the mail server" },
      { attempt: 2, at: later, outcome: "sent", error: null },
    ]);
    expect(sent!.nextAttemptAt).toBeNull();
    const headers = Object.fromEntries(sent!.headers.map((h) => [h.name, h.value]));
    expect(headers).toMatchObject({
      To: emails[0],
      Subject: row!.subject,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
    expect(headers.From).toMatch(/@/);
    expect(headers["List-Unsubscribe"]).toMatch(/^<http\S+\/u\/\S+>$/);
    expect(sent!.transport).toBe("outbox");
  });

  it("uses indexes on a few thousand messages: search branches, date range and the first page", async () => {
    const owner = new pg.Client({ connectionString: process.env.OWNER_DATABASE_URL });
    await owner.connect();
    try {
      const { rows } = await owner.query<{ id: string }>(
        `SELECT e.id FROM enrollments e JOIN contacts c ON c.id = e.contact_id WHERE e.sequence_id = $1 AND c.email = $2`,
        [sequenceId, emails[0]],
      );
      // Raw bulk rows (the store writes one execution at a time); spread over a year of days.
      await owner.query(
        `INSERT INTO messages (enrollment_id, sequence_version_id, step_key, execution_key, channel, "to", subject, body, status, created_at, sent_at, next_attempt_at)
         SELECT $1, $2, 'intro', 'bulk:' || n, 'email', 'bulk' || n || '@test.example', 'Bulk subject ' || n, 'b', 'sent',
                $3::timestamptz - (n || ' hours')::interval, $3::timestamptz - (n || ' hours')::interval, NULL
         FROM generate_series(1, 5000) n`,
        [rows[0]!.id, versionId, T0],
      );
      await makeContacts(3_000, "bulk");
      await owner.query(`ANALYZE messages; ANALYZE contacts; ANALYZE enrollments`);
      const plan = async (sql: string, params: unknown[]) =>
        (await owner.query<{ "QUERY PLAN": string }>(`EXPLAIN ${sql}`, params)).rows
          .map((r) => r["QUERY PLAN"])
          .join("\n");
      const subject = await plan(
        `SELECT m.id FROM messages m WHERE (left(lower(m.subject), 100) COLLATE "C") LIKE $1 ORDER BY m.id DESC LIMIT 51`,
        ["bulk subject 42%"],
      );
      expect(subject).toContain("messages_subject_prefix");
      const contact = await plan(`SELECT c.id FROM contacts c WHERE (c.email COLLATE "C") LIKE $1`, ["mbx-%"]);
      expect(contact).toMatch(/contacts_email_c|Index Only Scan|Index Scan/);
      const range = await plan(
        `SELECT m.id FROM messages m WHERE m.created_at >= $1 AND m.created_at < $2 ORDER BY m.id DESC LIMIT 51`,
        [new Date(T0.getTime() - 3 * 86_400_000), new Date(T0.getTime() - 2 * 86_400_000)],
      );
      // messages_created_at_idx, or the primary key walked newest first and stopped at the page
      // (ids are time-ordered uuidv7): either way an index, never a scan of every message.
      expect(range).toMatch(/messages_created_at_idx|messages_pkey/);
      expect(range).not.toContain("Seq Scan on messages");
      // The real queries: correct, and each answered quickly.
      const started = performance.now();
      expect((await listMessages({ query: "bulk subject 4999", limit: 50 })).rows).toHaveLength(1);
      expect((await listMessages({ sequenceId, query: "first1 last1", limit: 50 })).rows).toHaveLength(1);
      expect((await listMessages({ sequenceId, limit: 50 })).rows).toHaveLength(50);
      expect(performance.now() - started).toBeLessThan(2_000);
    } finally {
      await owner.end();
    }
  });
});
