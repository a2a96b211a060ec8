// Hostile input at the action boundary: oversize, malformed and tricky strings get a clear
// message or are stored verbatim; nothing partial is written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAs } from "./support/session";
import { publishVersionAction, saveDraftAction } from "@/lib/actions/sequences";
import { versionContentSchema } from "@/lib/domain/steps";
import { db } from "@/lib/server/db";
import type { SessionUser } from "@/lib/server/session";
import { makeUser } from "./support/factories";
import { currentDraft, makeSequenceWithDraft } from "./support/sequences";

let editor: SessionUser;
beforeAll(async () => {
  editor = await makeUser("editor");
  signInAs(editor);
});
afterAll(async () => {
  await db().$disconnect();
});

const TRICKY = {
  subject: "Héllo 👋🏽 {{first_name}} — ¿qué tal? 日本語 'quoted' \"double\"",
  body: "'; DROP TABLE contacts; -- \n Robert'); DELETE FROM sequence_versions; --\n<script>alert(1)</script> \u0000-free \u202Eright-to-left {{unsubscribe_url}}",
  sms: "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ✓ {{phone}} 1=1 OR 'a'='a'",
};

describe("hostile input", () => {
  it("stores unicode, emoji and SQL-looking strings verbatim through save, publish and read-back", async () => {
    const seq = await makeSequenceWithDraft(editor.id, {
      steps: [],
      settings: { exitOnReply: true, exitOnUnsubscribe: true },
    });
    const { revision } = await currentDraft(seq.id);
    const draft = {
      steps: [
        { key: "e", type: "email" as const, subject: TRICKY.subject, body: TRICKY.body.replace("\u0000", "") },
        { key: "s", type: "sms" as const, body: TRICKY.sms },
      ],
      settings: { exitOnReply: true, exitOnUnsubscribe: true },
    };
    expect(await saveDraftAction({ sequenceId: seq.id, revision, draft })).toMatchObject({ ok: true });
    const published = await publishVersionAction({ sequenceId: seq.id, note: "Ünïcode ✓ '; --" });
    expect(published.ok).toBe(true);
    const version = await db().sequenceVersion.findFirstOrThrow({ where: { sequenceId: seq.id } });
    const steps = versionContentSchema.parse(version.content).steps;
    expect(steps[0]).toMatchObject({ subject: TRICKY.subject, body: draft.steps[0]!.body });
    expect(steps[1]).toMatchObject({ body: TRICKY.sms });
    expect(version.note).toBe("Ünïcode ✓ '; --");
    expect(await db().contact.count()).toBeGreaterThanOrEqual(0); // the table is still there
  });

  const limitCases: [string, unknown, RegExp][] = [
    [
      "email subject over 200 characters",
      { key: "a", type: "email", subject: "x".repeat(201), body: "" },
      /at most 200/,
    ],
    ["email body over 100 KB", { key: "a", type: "email", subject: "s", body: "x".repeat(100 * 1024 + 1) }, /100 KB/],
    ["SMS over 1600 characters", { key: "a", type: "sms", body: "x".repeat(1601) }, /1600/],
    ["wait of 366", { key: "a", type: "wait", amount: 366, unit: "days", businessDaysOnly: false }, /365/],
    [
      "wait with a fractional amount",
      { key: "a", type: "wait", amount: 1.5, unit: "days", businessDaysOnly: false },
      /whole number/,
    ],
    [
      "wait in weeks (unknown unit)",
      { key: "a", type: "wait", amount: 1, unit: "weeks", businessDaysOnly: false },
      /Invalid/,
    ],
    ["task title over 200 characters", { key: "a", type: "task", title: "x".repeat(201), note: "" }, /at most 200/],
    ["an unknown step type", { key: "a", type: "fax", body: "x" }, /Invalid/],
    ["a number where text belongs", { key: "a", type: "sms", body: 42 }, /Invalid/],
    ["a key with spaces", { key: "a b", type: "sms", body: "x" }, /Step key/],
  ];

  it.each(limitCases)("refuses %s with a clear message and changes nothing", async (_name, step, message) => {
    const seq = await makeSequenceWithDraft(editor.id);
    const before = await currentDraft(seq.id);
    const result = await saveDraftAction({
      sequenceId: seq.id,
      revision: before.revision,
      draft: { steps: [step], settings: before.draft.settings } as never,
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.code).toBe("invalid");
      expect(result.error).toMatch(message);
    }
    expect(await currentDraft(seq.id)).toEqual(before);
  });

  it("refuses 501 steps and a missing or malformed body outright", async () => {
    const seq = await makeSequenceWithDraft(editor.id);
    const before = await currentDraft(seq.id);
    const tooMany = {
      steps: Array.from({ length: 501 }, (_, i) => ({ key: `k${i}`, type: "sms", body: "x" })),
      settings: before.draft.settings,
    };
    for (const input of [
      { sequenceId: seq.id, revision: before.revision, draft: tooMany },
      null,
      "x".repeat(1_000_000),
      [1, 2, 3],
      { sequenceId: "not-a-uuid", revision: -1, draft: {} },
    ]) {
      const result = await saveDraftAction(input as never);
      expect(result).toMatchObject({ ok: false, code: "invalid" });
    }
    expect(await currentDraft(seq.id)).toEqual(before);
  });
});
