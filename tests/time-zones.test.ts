// Time zones in the UI's services: the organisation settings and profile actions (validation,
// audit, role refusal), contact zones through the edit form, the CSV rows and the API field, and
// the enroll dialog's missing-channel counts. The pure formatter is tested in lib/domain.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAs } from "./support/session";
import { createContactAction, importContactsBatchAction, updateContactAction } from "@/lib/actions/contacts";
import { missingChannelsAction } from "@/lib/actions/enrollment-views";
import { updateOrganizationSettingsAction } from "@/lib/actions/organization";
import { setDisplayTimeZoneAction } from "@/lib/actions/profile";
import { guessMapping, validateRows } from "@/components/contacts/csv-validate";
import { db } from "@/lib/server/db";
import { getTimeZoneSettings } from "@/lib/server/organization/display-time-zone";
import { publishVersion } from "@/lib/server/sequences/publish-version";
import { ALL_SCOPES, callApi, makeApiKey } from "./support/api";
import { makeUser, uniqueEmail } from "./support/factories";
import { makeSequenceWithDraft } from "./support/sequences";

async function lastAudit(action: string) {
  return db().auditLog.findFirst({ where: { action }, orderBy: { at: "desc" } });
}

const original = {
  name: "",
  timeZone: "",
  postalAddress: "",
  dailyEmailCap: null as number | null,
  dailySmsCap: null as number | null,
};
beforeAll(async () => {
  const row = await db().organizationSettings.findUniqueOrThrow({ where: { id: true } });
  Object.assign(original, row);
});
afterAll(async () => {
  // The settings row is shared by every test file of the run: put it back.
  await db().organizationSettings.update({
    where: { id: true },
    data: {
      name: original.name,
      timeZone: original.timeZone,
      postalAddress: original.postalAddress,
      dailyEmailCap: original.dailyEmailCap,
      dailySmsCap: original.dailySmsCap,
    },
  });
  await db().$disconnect();
});

describe("Settings > Organization", () => {
  it("an admin saves name, zone, address and caps; audited with from and to", async () => {
    const admin = await makeUser("admin");
    signInAs(admin);
    const result = await updateOrganizationSettingsAction({
      name: "  Acme Outreach ",
      timeZone: "europe/berlin",
      postalAddress: "Acme GmbH\r\nHauptstr. 1\r\n10115 Berlin",
    });
    expect(result).toEqual({ ok: true, data: { saved: true } });
    const caps = await updateOrganizationSettingsAction({ dailyEmailCap: "250", dailySmsCap: "" });
    expect(caps.ok).toBe(true);
    const row = await db().organizationSettings.findUniqueOrThrow({ where: { id: true } });
    expect(row).toMatchObject({
      name: "Acme Outreach",
      timeZone: "Europe/Berlin",
      postalAddress: "Acme GmbH\nHauptstr. 1\n10115 Berlin",
      dailyEmailCap: 250,
      dailySmsCap: null,
      updatedById: admin.id,
    });
    const audit = await lastAudit("organization.settings");
    expect(audit).toMatchObject({ actorId: admin.id, summary: expect.stringContaining("dailyEmailCap") });
    expect(audit?.detail).toMatchObject({ dailyEmailCap: { from: original.dailyEmailCap, to: 250 } });
  });

  it("refuses bad input field by field and changes nothing", async () => {
    signInAs(await makeUser("admin"));
    const before = await db().organizationSettings.findUniqueOrThrow({ where: { id: true } });
    const audits = await db().auditLog.count();
    const result = await updateOrganizationSettingsAction({
      name: "",
      timeZone: "Mars/Olympus_Mons",
      postalAddress: "x".repeat(501),
      dailyEmailCap: "0",
      dailySmsCap: "2.5",
    });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual(
        ["dailyEmailCap", "dailySmsCap", "name", "postalAddress", "timeZone"].sort(),
      );
    for (const bad of [{ dailyEmailCap: "-3" }, { dailySmsCap: "abc" }, { timeZone: "+05:00" }, {}])
      expect((await updateOrganizationSettingsAction(bad)).ok, JSON.stringify(bad)).toBe(false);
    expect(await db().organizationSettings.findUniqueOrThrow({ where: { id: true } })).toEqual(before);
    expect(await db().auditLog.count()).toBe(audits);
  });

  it("refuses viewers and editors", async () => {
    for (const role of ["viewer", "editor"] as const) {
      signInAs(await makeUser(role));
      expect(await updateOrganizationSettingsAction({ name: "Hijacked" })).toMatchObject({
        ok: false,
        code: "forbidden",
      });
    }
    expect((await db().organizationSettings.findUniqueOrThrow({ where: { id: true } })).name).not.toBe("Hijacked");
  });
});

describe("profile: display time zone", () => {
  it("a viewer sets and clears their own zone; the display zone falls back to the organisation's", async () => {
    await db().organizationSettings.update({ where: { id: true }, data: { timeZone: "Europe/Berlin" } });
    const viewer = await makeUser("viewer");
    signInAs(viewer);
    expect(await setDisplayTimeZoneAction({ timeZone: "Asia/Tokyo" })).toEqual({
      ok: true,
      data: { timeZone: "Asia/Tokyo" },
    });
    expect(await getTimeZoneSettings(viewer.id)).toEqual({
      own: "Asia/Tokyo",
      organization: "Europe/Berlin",
      display: "Asia/Tokyo",
    });
    expect(await lastAudit("user.time_zone")).toMatchObject({ actorId: viewer.id, entityId: viewer.id });
    expect(await setDisplayTimeZoneAction({ timeZone: "" })).toEqual({ ok: true, data: { timeZone: null } });
    expect((await db().user.findUniqueOrThrow({ where: { id: viewer.id } })).timeZone).toBeNull();
    const invalid = await setDisplayTimeZoneAction({ timeZone: "Not/AZone" });
    expect(invalid).toMatchObject({ ok: false, code: "invalid", fieldErrors: { timeZone: [expect.any(String)] } });
  });

  it("needs a session", async () => {
    signInAs(null);
    expect(await setDisplayTimeZoneAction({ timeZone: "UTC" })).toMatchObject({ ok: false, code: "unauthenticated" });
  });
});

describe("contact time zones", () => {
  it("the edit form sets, canonicalises, clears and refuses a zone", async () => {
    signInAs(await makeUser("editor"));
    const email = uniqueEmail("tz");
    const created = await createContactAction({ email, timeZone: "america/new_york" });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const row = () => db().contact.findUniqueOrThrow({ where: { id: created.data.id } });
    expect((await row()).timeZone).toBe("America/New_York");
    const bad = await updateContactAction({
      contactId: created.data.id,
      contact: { email, timeZone: "Atlantis/Capital" },
    });
    expect(bad).toMatchObject({ ok: false, fieldErrors: { "contact.timeZone": [expect.stringMatching(/IANA/)] } });
    expect((await row()).timeZone).toBe("America/New_York");
    expect((await updateContactAction({ contactId: created.data.id, contact: { email, timeZone: "" } })).ok).toBe(true);
    expect((await row()).timeZone).toBeNull();
  });

  it("CSV: a time_zone column is validated per row (invalid -> row error with its line; empty -> null) and imported", async () => {
    const headers = ["email", "Time Zone"];
    const mapping = guessMapping(headers);
    expect(mapping.time_zone).toBe("Time Zone");
    const a = uniqueEmail("csv-a");
    const b = uniqueEmail("csv-b");
    const result = validateRows(
      [
        { email: a, "Time Zone": "Asia/Tokyo" },
        { email: "bad-zone@test.example", "Time Zone": "Moon/Base" },
        { email: b, "Time Zone": "" },
      ],
      headers,
      mapping,
      false,
    );
    expect(result.errors).toEqual([
      {
        line: 3,
        column: "Time Zone",
        value: "Moon/Base",
        message: expect.stringMatching(/^Not a known IANA time zone/),
      },
    ]);
    expect(result.valid.map((r) => r.timeZone)).toEqual(["Asia/Tokyo", null]);
    signInAs(await makeUser("editor"));
    expect(await importContactsBatchAction({ rows: result.valid })).toMatchObject({ ok: true, data: { created: 2 } });
    const zones = await db().contact.findMany({
      where: { email: { in: [a, b] } },
      select: { email: true, timeZone: true },
    });
    expect(Object.fromEntries(zones.map((z) => [z.email, z.timeZone]))).toEqual({ [a]: "Asia/Tokyo", [b]: null });
    // Re-importing without a zone keeps the known one; the server refuses a bad zone too.
    expect((await importContactsBatchAction({ rows: [{ email: a, timeZone: "" }] })).ok).toBe(true);
    expect((await db().contact.findUniqueOrThrow({ where: { email: a } })).timeZone).toBe("Asia/Tokyo");
    expect(await importContactsBatchAction({ rows: [{ email: a, timeZone: "Moon/Base" }] })).toMatchObject({
      ok: false,
      code: "invalid",
    });
  });

  it("API: timeZone on upsert and get; an invalid zone is a 400 with the field named", async () => {
    const { secret } = await makeApiKey(ALL_SCOPES);
    const email = uniqueEmail("api-tz");
    const up = await callApi("upsertContact", { key: secret, body: { email, timeZone: "Europe/Berlin" } });
    expect(up.status).toBeLessThan(300);
    expect(up.body.contact.timeZone).toBe("Europe/Berlin");
    const again = await callApi("upsertContact", { key: secret, body: { email, firstName: "Ann" } });
    expect(again.body.contact.timeZone).toBe("Europe/Berlin");
    const got = await callApi("getContact", { key: secret, params: { id: up.body.contact.id } });
    expect(got.body.timeZone).toBe("Europe/Berlin");
    const bad = await callApi("upsertContact", { key: secret, body: { email, timeZone: "Nowhere/Land" } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/timeZone/);
  });
});

describe("enroll dialog: missing channels", () => {
  it("counts, in one query, the chosen contacts without a phone when the version has SMS steps", async () => {
    const editor = await makeUser("editor");
    const { id: sequenceId } = await makeSequenceWithDraft(editor.id, {
      steps: [
        { key: "hello", type: "email", subject: "Hi", body: "Hello {{unsubscribe_url}}" },
        { key: "text", type: "sms", body: "Hi by text" },
      ],
      settings: { exitOnReply: true, exitOnUnsubscribe: true },
    });
    await publishVersion({ actorId: editor.id, sequenceId, note: "v1" });
    const tag = uniqueEmail("mc").split("@")[0]!;
    await db().contact.createMany({
      data: Array.from({ length: 5 }, (_, i) => ({
        email: `${tag}-${i}@test.example`,
        phone: i < 2 ? `+1555000${i}` : null,
      })),
    });
    const ids = (await db().contact.findMany({ where: { email: { startsWith: tag } }, select: { id: true } })).map(
      (c) => c.id,
    );
    signInAs(editor);
    const byIds = await missingChannelsAction({ sequenceId, source: { kind: "ids", contactIds: ids } });
    expect(byIds).toEqual({
      ok: true,
      data: {
        counts: { total: 5, withoutEmail: 0, withoutPhone: 3 },
        warnings: ["3 of 5 contacts have no phone: their SMS step will be skipped"],
      },
    });
    const bySearch = await missingChannelsAction({
      sequenceId,
      source: { kind: "search", query: tag, field: "email" },
    });
    expect(bySearch.ok && bySearch.data.counts).toEqual({ total: 5, withoutEmail: 0, withoutPhone: 3 });
    signInAs(await makeUser("viewer"));
    expect(await missingChannelsAction({ sequenceId, source: { kind: "ids", contactIds: ids } })).toMatchObject({
      ok: false,
      code: "forbidden",
    });
  });
});
