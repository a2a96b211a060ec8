// Hostile input at the action boundary: oversize, malformed and tricky strings get a clear
// message or are stored verbatim; nothing partial is written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAs } from "./support/session";
import { createApiKeyAction, revokeApiKeyAction } from "@/lib/actions/api-keys";
import { markNotificationsReadAction } from "@/lib/actions/notifications";
import { commentOnReviewAction, decideReviewAction, requestReviewAction } from "@/lib/actions/reviews";
import { publishVersionAction, saveDraftAction } from "@/lib/actions/sequences";
import {
  createWebhookEndpointAction,
  setWebhookEndpointEnabledAction,
  updateWebhookEndpointAction,
} from "@/lib/actions/webhooks";
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

describe("hostile input: API keys and webhook endpoints (admin actions)", () => {
  let admin: SessionUser;
  beforeAll(async () => {
    admin = await makeUser("admin");
  });
  afterAll(() => signInAs(editor));

  const counts = async () => ({
    keys: await db().apiKey.count(),
    endpoints: await db().webhookEndpoint.count(),
    audit: await db().auditLog.count(),
  });

  const keyCases: [string, unknown, RegExp][] = [
    ["a 101-character name", { name: "x".repeat(101), scopes: ["read"] }, /at most 100/],
    ["a blank name", { name: "   ", scopes: ["read"] }, /Name is required/],
    ["no scope", { name: "k", scopes: [] }, /at least one scope/],
    ["an unknown scope", { name: "k", scopes: ["admin"] }, /Invalid/],
    ["a number for a name", { name: 42, scopes: ["read"] }, /Invalid/],
    ["a megabyte of text", "x".repeat(1_000_000), /Invalid/],
    ["null", null, /Invalid/],
  ];
  it.each(keyCases)(
    "create API key: refuses %s with a clear message, writes nothing",
    async (_name, input, message) => {
      signInAs(admin);
      const before = await counts();
      const result = await createApiKeyAction(input as never);
      expect(result).toMatchObject({ ok: false, code: "invalid" });
      if (!result.ok) expect(result.error).toMatch(message);
      expect(await counts()).toEqual(before);
    },
  );

  it("revoke API key: a malformed or unknown id changes nothing", async () => {
    signInAs(admin);
    const before = await counts();
    expect(await revokeApiKeyAction({ keyId: "'; DROP TABLE api_keys; --" } as never)).toMatchObject({
      ok: false,
      code: "invalid",
    });
    const unknown = await revokeApiKeyAction({ keyId: "0190f3c1-1111-7000-8000-000000000000" });
    expect(unknown.ok).toBe(false);
    expect(await counts()).toEqual(before);
  });

  const endpointCases: [string, unknown, RegExp, string][] = [
    [
      "a 2001-character URL",
      { url: `https://e.example/${"x".repeat(2000)}`, eventTypes: ["task.created"] },
      /2000/,
      "url",
    ],
    [
      "a 201-character description",
      { url: "https://e.example/h", description: "d".repeat(201), eventTypes: ["task.created"] },
      /200/,
      "description",
    ],
    ["no event type", { url: "https://e.example/h", eventTypes: [] }, /at least one event type/, "eventTypes"],
    ["an unknown event type", { url: "https://e.example/h", eventTypes: ["user.deleted"] }, /Invalid/, "eventTypes.0"],
    [
      "an http:// URL to a public host",
      { url: "http://e.example/h", eventTypes: ["task.created"] },
      /https:\/\//,
      "url",
    ],
    [
      "a URL with credentials",
      { url: "https://u:p@e.example/h", eventTypes: ["task.created"] },
      /user name or password/,
      "url",
    ],
    ["not a URL", { url: "javascript:alert(1)", eventTypes: ["task.created"] }, /https/, "url"],
  ];
  it.each(endpointCases)(
    "create webhook endpoint: refuses %s with a clear message on its field, writes nothing",
    async (_name, input, message, field) => {
      signInAs(admin);
      const before = await counts();
      const result = await createWebhookEndpointAction(input as never);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error).toMatch(message);
        const fieldErrors =
          result.fieldErrors ?? (result.details as { fieldErrors?: Record<string, string[]> })?.fieldErrors;
        expect(fieldErrors?.[field]?.length).toBeGreaterThan(0);
      }
      expect(await counts()).toEqual(before);
    },
  );

  it("update and enable/disable a webhook endpoint: invalid input leaves the endpoint and the audit log as they were", async () => {
    signInAs(admin);
    const created = await createWebhookEndpointAction({
      url: "https://hostile.example/hook",
      description: "kept",
      eventTypes: ["task.created"],
    });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const endpointId = created.data.endpointId;
    const snapshot = () => db().webhookEndpoint.findUniqueOrThrow({ where: { id: endpointId } });
    const before = { row: await snapshot(), counts: await counts() };
    for (const input of [
      { endpointId, url: "http://hostile.example/hook", description: "", eventTypes: ["task.created"] },
      { endpointId, url: "https://hostile.example/hook", description: "x".repeat(201), eventTypes: ["task.created"] },
      { endpointId, url: "https://hostile.example/hook", description: "", eventTypes: [] },
      { endpointId: "nope", url: "https://hostile.example/hook", description: "", eventTypes: ["task.created"] },
      "x".repeat(1_000_000),
    ]) {
      const result = await updateWebhookEndpointAction(input as never);
      expect(result.ok).toBe(false);
    }
    expect(await setWebhookEndpointEnabledAction({ endpointId, enabled: "no" } as never)).toMatchObject({ ok: false });
    expect(await snapshot()).toEqual(before.row);
    expect(await counts()).toEqual(before.counts);
    await db().webhookEndpoint.delete({ where: { id: endpointId } });
  });
});

describe("hostile input: reviews and notifications (issue 15)", () => {
  it("oversize, malformed and foreign ids are refused with a message and write nothing", async () => {
    const reviewer = await makeUser("editor");
    const seq = await makeSequenceWithDraft(editor.id);
    const { revision } = await currentDraft(seq.id);
    const counts = async () => ({
      reviews: await db().publishReview.count(),
      comments: await db().publishReviewComment.count(),
      notifications: await db().notification.count(),
    });
    signInAs(editor);
    const before = await counts();
    for (const input of [
      { sequenceId: seq.id, note: "x".repeat(1001), expectedRevision: revision },
      { sequenceId: seq.id, note: "   ", expectedRevision: revision },
      { sequenceId: "'; DROP TABLE publish_reviews; --", note: "x", expectedRevision: revision },
      { sequenceId: seq.id, note: "x", expectedRevision: -1 },
      { sequenceId: seq.id, note: "x", expectedRevision: revision + 7 },
    ]) {
      const result = await requestReviewAction(input);
      expect(result.ok, JSON.stringify(input).slice(0, 80)).toBe(false);
      if (!result.ok) expect(result.error).not.toMatch(/prisma|sql|stack/i);
    }
    expect(await counts()).toEqual(before);

    const requested = await requestReviewAction({
      sequenceId: seq.id,
      note: TRICKY.subject,
      expectedRevision: revision,
    });
    expect(requested.ok).toBe(true);
    if (!requested.ok) return;
    const reviewId = requested.data.reviewId;
    expect((await db().publishReview.findUniqueOrThrow({ where: { id: reviewId } })).note).toBe(TRICKY.subject);
    signInAs(reviewer);
    const afterRequest = await counts();
    for (const result of [
      await commentOnReviewAction({ reviewId, body: "x".repeat(2001) }),
      await commentOnReviewAction({ reviewId, body: "" }),
      await commentOnReviewAction({ reviewId: "not-a-uuid", body: "hi" }),
      await commentOnReviewAction({ reviewId: "00000000-0000-4000-8000-000000000000", body: "hi" }),
      await decideReviewAction({ reviewId, decision: "merge" as never }),
      await decideReviewAction({ reviewId, decision: "approve", comment: "x".repeat(2001) }),
      await markNotificationsReadAction({ ids: ["nope"] }),
      await markNotificationsReadAction({
        ids: Array.from({ length: 101 }, () => "00000000-0000-4000-8000-000000000000"),
      }),
      await markNotificationsReadAction({ ids: "everything" as never }),
    ]) {
      expect(result.ok).toBe(false);
    }
    expect(await counts()).toEqual(afterRequest);
    expect(await commentOnReviewAction({ reviewId, body: TRICKY.body.replace("\u0000", "") })).toMatchObject({
      ok: true,
    });
    const stored = await db().publishReviewComment.findFirstOrThrow({ where: { reviewId } });
    expect(stored.body).toBe(TRICKY.body.replace("\u0000", "").trim());
    signInAs(editor);
  });
});
