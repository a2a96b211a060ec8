// The editor's helpers at the action boundary: "send me a test" (audit row, no message row, rate
// limit, role refusal), the merge-field picker's attribute keys, the preview contact.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAs } from "./support/session";
import {
  listMergeFieldsAction,
  previewContactAction,
  searchPreviewContactsAction,
  sendTestAction,
} from "@/lib/actions/sequences-editor";
import { saveDraftAction } from "@/lib/actions/sequences";
import { db } from "@/lib/server/db";
import { TEST_SEND_ACTION } from "@/lib/server/sequences/send-test-message";
import type { SessionUser } from "@/lib/server/session";
import { TEST_SENDS_PER_HOUR } from "@/lib/views/editor";
import { makeUser, uniqueEmail } from "./support/factories";
import { currentDraft, makeSequenceWithDraft } from "./support/sequences";

let editor: SessionUser;
let viewer: SessionUser;
let sequenceId: string;
let contactId: string;
const settings = { exitOnReply: true, exitOnUnsubscribe: true };

beforeAll(async () => {
  editor = await makeUser("editor");
  viewer = await makeUser("viewer");
  const seq = await makeSequenceWithDraft(editor.id, {
    steps: [
      { key: "e1", type: "email", subject: "Hi {{first_name}} at {{company}}", body: 'Team: {{team | "your team"}}' },
      { key: "s1", type: "sms", body: "Hey {{first_name}}, {{company}}" },
      { key: "w1", type: "wait", amount: 1, unit: "days", businessDaysOnly: false },
    ],
    settings,
  });
  sequenceId = seq.id;
  const contact = await db().contact.create({
    data: {
      email: uniqueEmail("ada"),
      firstName: "Ada",
      lastName: "Preview",
      attributes: { company: "Acme", "bad key": 1 },
    },
  });
  contactId = contact.id;
});
afterAll(async () => {
  await db().$disconnect();
});

describe("send me a test", () => {
  it("sends the rendered email to the user, writes an audit row and no message row", async () => {
    signInAs(editor);
    const messagesBefore = await db().message.count();
    const result = await sendTestAction({ sequenceId, stepKey: "e1", contactId });
    expect(result).toEqual({
      ok: true,
      data: { channel: "email", to: editor.email, subject: "[Test] Hi Ada at Acme", transport: "outbox" },
    });
    expect(await db().message.count()).toBe(messagesBefore);
    const audit = await db().auditLog.findFirst({ where: { actorId: editor.id, action: TEST_SEND_ACTION } });
    expect(audit?.entityId).toBe(sequenceId);
    expect(audit?.detail).toMatchObject({
      stepKey: "e1",
      channel: "email",
      test: true,
      subject: "[Test] Hi Ada at Acme",
    });
  });

  it("SMS needs a valid phone number; wait steps cannot be sent", async () => {
    signInAs(editor);
    const bad = await sendTestAction({ sequenceId, stepKey: "s1", contactId, phone: "call me" });
    expect(bad).toMatchObject({ ok: false, code: "invalid" });
    expect(!bad.ok && bad.error).toContain("phone number");
    const none = await sendTestAction({ sequenceId, stepKey: "s1", contactId });
    expect(none).toMatchObject({ ok: false, error: "Type the phone number to send the test SMS to." });
    const sms = await sendTestAction({ sequenceId, stepKey: "s1", contactId, phone: "+44 20 7946 0000" });
    expect(sms).toMatchObject({ ok: true, data: { channel: "sms", to: "+44 20 7946 0000", subject: null } });
    const wait = await sendTestAction({ sequenceId, stepKey: "w1", contactId });
    expect(wait).toMatchObject({ ok: false, error: "Only email and SMS steps can be sent as a test." });
  });

  it(`refuses a viewer, and refuses the ${TEST_SENDS_PER_HOUR + 1}th test in an hour`, async () => {
    signInAs(viewer);
    expect(await sendTestAction({ sequenceId, stepKey: "e1", contactId })).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    const limited = await makeUser("editor");
    signInAs(limited);
    for (let i = 0; i < TEST_SENDS_PER_HOUR; i++) {
      expect((await sendTestAction({ sequenceId, stepKey: "e1", contactId })).ok).toBe(true);
    }
    const refused = await sendTestAction({ sequenceId, stepKey: "e1", contactId });
    expect(refused).toMatchObject({ ok: false, code: "invalid" });
    expect(!refused.ok && refused.error).toContain("in the last hour");
    expect(await db().auditLog.count({ where: { actorId: limited.id, action: TEST_SEND_ACTION } })).toBe(
      TEST_SENDS_PER_HOUR,
    );
  });
});

describe("merge fields and preview contacts", () => {
  it("lists valid custom attribute keys present on contacts", async () => {
    signInAs(editor);
    const result = await listMergeFieldsAction({});
    expect(result.ok && result.data.attributes).toContain("company");
    expect(result.ok && result.data.attributes).not.toContain("bad key");
  });

  it("finds a contact by name or email and returns it with its attributes", async () => {
    signInAs(editor);
    const byName = await searchPreviewContactsAction({ query: "ada prev" });
    expect(byName.ok && byName.data.map((c) => c.id)).toContain(contactId);
    const contact = await previewContactAction({ contactId });
    expect(contact.ok && contact.data?.attributes).toMatchObject({ company: "Acme" });
  });
});

describe("oversized and invalid input", () => {
  it("a 1 MB subject is refused with a field message and nothing is saved", async () => {
    signInAs(editor);
    const { revision, draft } = await currentDraft(sequenceId);
    const huge = {
      ...draft,
      steps: draft.steps.map((s) => (s.type === "email" ? { ...s, subject: "x".repeat(1024 * 1024) } : s)),
    };
    const result = await saveDraftAction({ sequenceId, revision, draft: huge });
    expect(result).toMatchObject({ ok: false, code: "invalid" });
    expect(!result.ok && result.fieldErrors?.["draft.steps.0.subject"]?.[0]).toBe(
      "Subject must be at most 200 characters",
    );
    expect((await currentDraft(sequenceId)).revision).toBe(revision);
  });
});
