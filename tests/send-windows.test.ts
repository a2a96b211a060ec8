// Send windows, holidays, business days, daily caps and missing channels in the real runner on
// real PostgreSQL, with the clock moved by hand: each contact's first email goes out at 09:00 in
// its own time zone, a holiday moves a step, a cap spreads sends over days in enrollment order,
// and a contact without a phone skips (or exits at) the SMS step. Every event keeps its version.
import { afterAll, describe, expect, it } from "vitest";
import type { StepInput } from "@/lib/domain/steps";
import { ManualClock } from "@/lib/engine/clock";
import { drainDue } from "@/lib/engine/run-batch";
import { createContacts, createSequenceWithVersion, enroll, testPool } from "./support/runner-fixtures";

const pool = testPool();
afterAll(() => pool.end());

const WINDOW = { weekdays: [1, 2, 3, 4, 5], start: "09:00", end: "17:00" };
const TWO_EMAILS: StepInput[] = [
  { key: "e1", type: "email", subject: "Hello {{first_name}}", body: "Welcome" },
  { key: "w1", type: "wait", amount: 2, unit: "days", businessDaysOnly: true },
  { key: "e2", type: "email", subject: "Following up", body: "Still there?" },
];

async function setZones(contactIds: readonly string[], zones: readonly (string | null)[]) {
  await pool.query(
    `UPDATE contacts c SET time_zone = u.zone FROM unnest($1::uuid[], $2::text[]) AS u(id, zone) WHERE c.id = u.id`,
    [contactIds, zones],
  );
}

async function messages(enrollmentIds: readonly string[]) {
  const { rows } = await pool.query<{
    enrollment_id: string;
    step_key: string;
    created_at: Date;
    sequence_version_id: string;
  }>(
    `SELECT enrollment_id, step_key, created_at, sequence_version_id FROM messages WHERE enrollment_id = ANY($1::uuid[]) ORDER BY created_at, id`,
    [enrollmentIds],
  );
  return rows;
}

async function events(enrollmentIds: readonly string[]) {
  const { rows } = await pool.query<{
    enrollment_id: string;
    type: string;
    step_key: string | null;
    sequence_version_id: string | null;
    detail: Record<string, unknown>;
  }>(
    `SELECT enrollment_id, type::text AS type, step_key, sequence_version_id, detail FROM enrollment_events WHERE enrollment_id = ANY($1::uuid[]) ORDER BY id`,
    [enrollmentIds],
  );
  return rows;
}

async function expectVersionOnEveryEvent(enrollmentIds: readonly string[], versionId: string) {
  const all = await events(enrollmentIds);
  expect(all.length).toBeGreaterThan(0);
  expect(all.filter((e) => e.sequence_version_id !== versionId)).toEqual([]);
}

const iso = (at: Date) => at.toISOString();

describe("send windows in each contact's time zone", () => {
  it("contacts in three zones enrolled at the same instant get their first email at 09:00 local on the next business day", async () => {
    const { sequenceId, versionId } = await createSequenceWithVersion(pool, TWO_EMAILS, { sendWindow: WINDOW });
    const contacts = await createContacts(pool, 3);
    await setZones(contacts, ["America/New_York", "Europe/Berlin", "Asia/Tokyo"]);
    // Friday 6 March 2026, 22:00 UTC: 17:00 in New York (just closed), 23:00 in Berlin, Saturday 07:00 in Tokyo.
    const clock = new ManualClock("2026-03-06T22:00:00Z");
    const [ny, berlin, tokyo] = await enroll(pool, { sequenceId, versionId, contactIds: contacts, at: clock.now() });
    const ids = [ny!, berlin!, tokyo!];
    const run = () => drainDue({ pool, now: clock.now(), scope: { sequenceIds: [sequenceId] } });

    expect((await run()).messages).toBe(0);
    const held = (await events(ids)).filter((e) => e.type === "waited");
    expect(held.map((e) => [e.step_key, e.detail.reason, e.detail.until, e.detail.timeZone])).toEqual([
      ["e1", "send_window", "2026-03-09T13:00:00.000Z", "America/New_York"], // Mon 09:00 EDT (after spring forward)
      ["e1", "send_window", "2026-03-09T08:00:00.000Z", "Europe/Berlin"], // Mon 09:00 CET
      ["e1", "send_window", "2026-03-09T00:00:00.000Z", "Asia/Tokyo"], // Mon 09:00 JST
    ]);

    // Step through the three Monday openings: each contact is sent to exactly at its own.
    for (const at of ["2026-03-09T00:00:00Z", "2026-03-09T08:00:00Z", "2026-03-09T13:00:00Z"]) {
      clock.set(at);
      expect((await run()).messages).toBe(1);
    }
    const first = await messages(ids);
    expect(first.map((m) => [m.enrollment_id, m.step_key, iso(m.created_at)])).toEqual([
      [tokyo, "e1", "2026-03-09T00:00:00.000Z"],
      [berlin, "e1", "2026-03-09T08:00:00.000Z"],
      [ny, "e1", "2026-03-09T13:00:00.000Z"],
    ]);

    // Two business days later, at the same local time: Wednesday 09:00 in each zone.
    for (const at of ["2026-03-11T00:00:00Z", "2026-03-11T08:00:00Z", "2026-03-11T13:00:00Z"]) {
      clock.set(at);
      expect((await run()).messages).toBe(1);
    }
    const { rows } = await pool.query<{ id: string; status: string }>(
      `SELECT id, status::text AS status FROM enrollments WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    expect(rows.every((r) => r.status === "completed")).toBe(true);
    const waits = (await events(ids)).filter((e) => e.type === "waited" && e.step_key === "w1");
    expect(waits.map((e) => [e.enrollment_id, e.detail.until])).toEqual([
      [tokyo, "2026-03-11T00:00:00.000Z"],
      [berlin, "2026-03-11T08:00:00.000Z"],
      [ny, "2026-03-11T13:00:00.000Z"],
    ]);
    await expectVersionOnEveryEvent(ids, versionId);
  });

  it("a holiday moves a step to the next open day", async () => {
    const { sequenceId, versionId } = await createSequenceWithVersion(pool, TWO_EMAILS, {
      sendWindow: WINDOW,
      holidays: ["2026-03-09", "2026-03-12"],
    });
    const [contact] = await createContacts(pool, 1);
    await setZones([contact!], ["America/New_York"]);
    const clock = new ManualClock("2026-03-06T22:00:00Z");
    const [id] = await enroll(pool, { sequenceId, versionId, contactIds: [contact!], at: clock.now() });
    const run = () => drainDue({ pool, now: clock.now(), scope: { sequenceIds: [sequenceId] } });
    await run();
    // Monday is a holiday: the first email waits for Tuesday 09:00 EDT, and says why.
    const holidayHold = (await events([id!])).find((e) => e.type === "waited");
    expect(holidayHold?.detail).toMatchObject({ reason: "holiday", until: "2026-03-10T13:00:00.000Z" });
    clock.set("2026-03-09T13:00:00Z");
    await run();
    expect(await messages([id!])).toEqual([]);
    clock.set("2026-03-10T13:00:00Z");
    await run();
    // Two business days from Tuesday skip Thursday the 12th: Friday 09:00.
    clock.set("2026-03-13T13:00:00Z");
    await run();
    expect((await messages([id!])).map((m) => [m.step_key, iso(m.created_at)])).toEqual([
      ["e1", "2026-03-10T13:00:00.000Z"],
      ["e2", "2026-03-13T13:00:00.000Z"],
    ]);
    await expectVersionOnEveryEvent([id!], versionId);
  });
});

describe("daily caps", () => {
  it("a cap of 100 a day spreads 250 sends over three days in enrollment order", async () => {
    const steps: StepInput[] = [{ key: "e1", type: "email", subject: "Hi", body: "Hello" }];
    const { sequenceId, versionId } = await createSequenceWithVersion(pool, steps, { dailyCap: { email: 100 } });
    const contacts = await createContacts(pool, 250);
    const clock = new ManualClock("2026-03-04T10:00:00Z");
    const ids = await enroll(pool, { sequenceId, versionId, contactIds: contacts, at: clock.now() });
    const run = () => drainDue({ pool, now: clock.now(), scope: { sequenceIds: [sequenceId] } });

    const perDay: number[] = [];
    for (const day of [
      "2026-03-04T10:00:00Z",
      "2026-03-05T00:00:00Z",
      "2026-03-06T00:00:00Z",
      "2026-03-07T00:00:00Z",
    ]) {
      clock.set(day);
      perDay.push((await run()).messages);
    }
    expect(perDay).toEqual([100, 100, 50, 0]);

    // Enrollment order (ids are time-ordered): the first 100 on day one, the next 100 on day two.
    const sent = await messages(ids);
    const dayOf = new Map(sent.map((m) => [m.enrollment_id, iso(m.created_at).slice(0, 10)]));
    const byId = [...ids].sort();
    expect(byId.slice(0, 100).every((id) => dayOf.get(id) === "2026-03-04")).toBe(true);
    expect(byId.slice(100, 200).every((id) => dayOf.get(id) === "2026-03-05")).toBe(true);
    expect(byId.slice(200).every((id) => dayOf.get(id) === "2026-03-06")).toBe(true);
    const capHolds = (await events(ids)).filter((e) => e.type === "waited" && e.detail.reason === "daily_cap");
    expect(capHolds).toHaveLength(150 + 50);
    await expectVersionOnEveryEvent(ids, versionId);
  });

  it("the organisation-wide cap counts every sequence's sends together and rolls the rest over in enrollment order", async () => {
    const steps: StepInput[] = [{ key: "e1", type: "email", subject: "Hi", body: "Hello" }];
    const a = await createSequenceWithVersion(pool, steps);
    const b = await createSequenceWithVersion(pool, steps);
    // A day no other test sends on: the organisation's count is of every message queued that day.
    const clock = new ManualClock("2031-05-06T10:00:00Z");
    const idsA = await enroll(pool, { ...a, contactIds: await createContacts(pool, 90), at: clock.now() });
    clock.set("2031-05-06T10:00:01Z");
    const idsB = await enroll(pool, { ...b, contactIds: await createContacts(pool, 90), at: clock.now() });
    const { rows } = await pool.query<{ time_zone: string; daily_email_cap: number | null }>(
      `SELECT time_zone, daily_email_cap FROM organization_settings WHERE id`,
    );
    await pool.query(`UPDATE organization_settings SET time_zone = 'UTC', daily_email_cap = 120 WHERE id`);
    try {
      const run = () => drainDue({ pool, now: clock.now(), scope: { sequenceIds: [a.sequenceId, b.sequenceId] } });
      const perDay: number[] = [];
      for (const day of ["2031-05-06T10:00:01Z", "2031-05-07T00:00:00Z", "2031-05-08T00:00:00Z"]) {
        clock.set(day);
        perDay.push((await run()).messages);
      }
      expect(perDay).toEqual([120, 60, 0]);
      // Sequence A's contacts were enrolled first: all 90 on day one, then the first 30 of B.
      const dayOf = new Map(
        (await messages([...idsA, ...idsB])).map((m) => [m.enrollment_id, iso(m.created_at).slice(0, 10)]),
      );
      expect(idsA.every((id) => dayOf.get(id) === "2031-05-06")).toBe(true);
      const bDays = [...idsB].sort().map((id) => dayOf.get(id));
      expect(bDays.slice(0, 30).every((d) => d === "2031-05-06")).toBe(true);
      expect(bDays.slice(30).every((d) => d === "2031-05-07")).toBe(true);
      await expectVersionOnEveryEvent(idsA, a.versionId);
      await expectVersionOnEveryEvent(idsB, b.versionId);
    } finally {
      await pool.query(`UPDATE organization_settings SET time_zone = $1, daily_email_cap = $2 WHERE id`, [
        rows[0]!.time_zone,
        rows[0]!.daily_email_cap,
      ]);
    }
  });
});

describe("missing channel", () => {
  const steps = (ifMissingChannel?: "skip" | "exit"): StepInput[] => [
    { key: "s1", type: "sms", body: "Hi {{first_name}}", ...(ifMissingChannel ? { ifMissingChannel } : {}) },
    { key: "e1", type: "email", subject: "Hello", body: "Welcome" },
  ];

  it("a contact without a phone skips the SMS step and continues", async () => {
    const { sequenceId, versionId } = await createSequenceWithVersion(pool, steps());
    const contacts = await createContacts(pool, 2);
    await pool.query(`UPDATE contacts SET phone = NULL WHERE id = $1`, [contacts[0]]);
    const at = new Date("2026-03-04T10:00:00Z");
    const [without, withPhone] = await enroll(pool, { sequenceId, versionId, contactIds: contacts, at });
    await drainDue({ pool, now: at, scope: { sequenceIds: [sequenceId] } });

    expect((await messages([without!])).map((m) => m.step_key)).toEqual(["e1"]);
    expect((await messages([withPhone!])).map((m) => m.step_key)).toEqual(["s1", "e1"]);
    const timeline = await events([without!]);
    expect(timeline.map((e) => [e.type, e.step_key])).toEqual([
      ["enrolled", "s1"],
      ["step_skipped", "s1"],
      ["step_executed", "e1"],
      ["completed", null],
    ]);
    expect(timeline[1]?.detail).toEqual({ reason: "missing_channel", channel: "sms" });
    await expectVersionOnEveryEvent([without!, withPhone!], versionId);
  });

  it('"exit" ends the enrollment with reason missing_channel', async () => {
    const { sequenceId, versionId } = await createSequenceWithVersion(pool, steps("exit"));
    const [contact] = await createContacts(pool, 1);
    await pool.query(`UPDATE contacts SET phone = NULL WHERE id = $1`, [contact]);
    const at = new Date("2026-03-04T10:00:00Z");
    const [id] = await enroll(pool, { sequenceId, versionId, contactIds: [contact!], at });
    await drainDue({ pool, now: at, scope: { sequenceIds: [sequenceId] } });

    expect(await messages([id!])).toEqual([]);
    const { rows } = await pool.query(`SELECT status::text AS status, exit_reason FROM enrollments WHERE id = $1`, [
      id,
    ]);
    expect(rows[0]).toEqual({ status: "exited", exit_reason: "missing_channel" });
    const exited = (await events([id!])).find((e) => e.type === "exited");
    expect(exited).toMatchObject({ step_key: "s1", detail: { reason: "missing_channel" } });
    await expectVersionOnEveryEvent([id!], versionId);
  });
});
