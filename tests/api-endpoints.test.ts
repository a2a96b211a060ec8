// What the endpoints do, beyond their shapes (tests/api-contract.test.ts): idempotent enroll,
// a 1,000-contact upsert + enroll in one request, attribute merging, pagination, filters,
// inbound replies and bounces, draft validation shared with the editor.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { ALL_SCOPES, callApi, makeApiKey } from "./support/api";
import { fiveStepDraft, makeSequenceWithDraft } from "./support/sequences";

let key: string;
let adminId: string;
let sequenceId: string;

beforeAll(async () => {
  const made = await makeApiKey(ALL_SCOPES);
  key = made.secret;
  adminId = made.adminId;
  ({ id: sequenceId } = await makeSequenceWithDraft(adminId, fiveStepDraft()));
  const published = await callApi("publishVersion", { key, params: { id: sequenceId }, body: { note: "v1 via API" } });
  expect(published.status).toBe(201);
});
afterAll(async () => {
  await db().$disconnect();
});

const tag = () => randomUUID().slice(0, 8);

describe("enroll", () => {
  it("with an Idempotency-Key: the same body replays the first response, a different body is a 409", async () => {
    const t = tag();
    const body = { sequenceId, contacts: [{ email: `idem-${t}@test.example` }, { email: `idem2-${t}@test.example` }] };
    const headers = { "idempotency-key": `k-${t}` };
    const first = await callApi("enrollContacts", { key, body, headers });
    expect(first.status).toBe(201);
    expect(first.body.enrolled).toBe(2);
    const again = await callApi("enrollContacts", { key, body, headers });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body).toEqual(first.body);
    expect(again.body.enrollments.map((e: { id: string }) => e.id)).toEqual(
      first.body.enrollments.map((e: { id: string }) => e.id),
    );
    const changed = await callApi("enrollContacts", {
      key,
      body: { ...body, contacts: [{ email: `other-${t}@test.example` }] },
      headers,
    });
    expect(changed.status).toBe(409);
    expect(changed.contentType).toBe("application/problem+json");
    // Without the key, a repeat enrolls nobody new but reports the same in-flight enrollments.
    const plain = await callApi("enrollContacts", { key, body });
    expect(plain.body.enrolled).toBe(0);
    expect(plain.body.skipped.alreadyEnrolled).toBe(2);
    expect(plain.body.enrollments).toEqual(first.body.enrollments);
  });

  it("upserts and enrolls 1,000 contacts in one request, pinned to the active version", async () => {
    const t = tag();
    const contacts = Array.from({ length: 1000 }, (_, i) => ({
      email: `bulk-${t}-${i}@test.example`,
      firstName: `F${i}`,
      attributes: { source: "api", index: String(i) },
    }));
    const started = Date.now();
    const result = await callApi("enrollContacts", { key, body: { sequenceId, contacts } });
    const ms = Date.now() - started;
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({ requested: 1000, enrolled: 1000, versionNumber: 1 });
    expect(result.body.enrollments).toHaveLength(1000);
    expect(await db().contact.count({ where: { email: { startsWith: `bulk-${t}-` } } })).toBe(1000);
    console.log(`1,000-contact upsert + enroll through the route handler: ${ms} ms`);
    expect(
      (
        await callApi("enrollContacts", {
          key,
          body: { sequenceId, contacts: [...contacts, { email: `x-${t}@test.example` }] },
        })
      ).status,
    ).toBe(400);
  });

  it("refuses an unpublished sequence (409) and an unknown one (404)", async () => {
    const { id } = await makeSequenceWithDraft(adminId);
    const unpublished = await callApi("enrollContacts", {
      key,
      body: { sequenceId: id, contacts: [{ email: `u-${tag()}@test.example` }] },
    });
    expect(unpublished.status).toBe(409);
    const unknown = await callApi("enrollContacts", {
      key,
      body: { sequenceId: randomUUID(), contactIds: [randomUUID()] },
    });
    expect(unknown.status).toBe(404);
  });
});

describe("contacts", () => {
  it("upsert keeps custom attributes: merged, not replaced; names replaced only by a value", async () => {
    const email = `Merge-${tag()}@Test.example`;
    const first = await callApi("upsertContact", {
      key,
      body: { email, firstName: "Ada", attributes: { plan: "pro" } },
    });
    expect(first.body.created).toBe(true);
    expect(first.body.contact.email).toBe(email.toLowerCase());
    const second = await callApi("upsertContact", { key, body: { email, attributes: { region: "eu" } } });
    expect(second.body.created).toBe(false);
    expect(second.body.contact).toMatchObject({ firstName: "Ada", attributes: { plan: "pro", region: "eu" } });
  });

  it("batch refuses a duplicate email with a 422 problem", async () => {
    const email = `dup-${tag()}@test.example`;
    const result = await callApi("upsertContactBatch", { key, body: { contacts: [{ email }, { email }] } });
    expect(result.status).toBe(422);
  });

  it("lists with a cursor: pages neither overlap nor skip", async () => {
    const ids: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 3; page++) {
      const result = await callApi("listContacts", { key, query: { limit: "5", ...(cursor ? { cursor } : {}) } });
      ids.push(...result.body.data.map((c: { id: string }) => c.id));
      cursor = result.body.nextCursor ?? undefined;
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort());
    expect((await callApi("listContacts", { key, query: { cursor: "nope" } })).status).toBe(400);
  });
});

describe("enrollments", () => {
  it("list filters by sequence, version and status; get shows the pinned version and timeline", async () => {
    const t = tag();
    const enrolled = await callApi("enrollContacts", {
      key,
      body: { sequenceId, contacts: [{ email: `f-${t}@test.example` }] },
    });
    const id = enrolled.body.enrollments[0]!.id;
    await callApi("pauseEnrollment", { key, params: { id } });
    const paused = await callApi("listEnrollments", {
      key,
      query: { sequenceId, versionId: enrolled.body.versionId, status: "paused" },
    });
    expect(paused.body.data.map((e: { id: string }) => e.id)).toContain(id);
    expect(paused.body.data.every((e: { status: string }) => e.status === "paused")).toBe(true);
    const detail = await callApi("getEnrollment", { key, params: { id } });
    expect(detail.body.version.number).toBe(1);
    expect(detail.body.timeline.map((e: { type: string }) => e.type)).toEqual(["enrolled", "paused"]);
    expect((await callApi("listEnrollments", { key, query: { status: "sleeping" } })).status).toBe(400);
  });

  it("a hard bounce fails the contact's in-flight enrollments through the state machine; a soft one is only recorded", async () => {
    const t = tag();
    const soft = `soft-${t}@test.example`;
    const hard = `hard-${t}@test.example`;
    const enrolled = await callApi("enrollContacts", {
      key,
      body: { sequenceId, contacts: [{ email: soft }, { email: hard }] },
    });
    const softResult = await callApi("recordBounce", { key, body: { email: soft, kind: "soft" } });
    expect(softResult.body.keptEnrollmentIds).toHaveLength(1);
    const hardResult = await callApi("recordBounce", { key, body: { email: hard, reason: "no such mailbox" } });
    expect(hardResult.body.failedEnrollmentIds).toHaveLength(1);
    const failedId = hardResult.body.failedEnrollmentIds[0];
    const detail = await callApi("getEnrollment", { key, params: { id: failedId! } });
    expect(detail.body).toMatchObject({ status: "failed", exitReason: "bounced: no such mailbox" });
    expect(detail.body.timeline.map((e: { type: string }) => e.type)).toEqual(["enrolled", "bounced", "failed"]);
    expect(enrolled.body.enrollments.map((e: { id: string }) => e.id)).toContain(failedId);
  });

  it("a reply exits enrollments whose version says exitOnReply", async () => {
    const email = `reply-${tag()}@test.example`;
    await callApi("enrollContacts", { key, body: { sequenceId, contacts: [{ email }] } });
    const result = await callApi("recordReply", { key, body: { email } });
    expect(result.body.exitedEnrollmentIds).toHaveLength(1);
  });
});

describe("sequences", () => {
  it("replace draft validates like the editor (400 for a bad step) and publish refuses an invalid draft with 422 and its errors", async () => {
    const { id } = await makeSequenceWithDraft(adminId);
    const draft = await callApi("getDraft", { key, params: { id } });
    const badStep = { revision: draft.body.revision, draft: { steps: [{ key: "a", type: "teleport" }] } };
    const invalid = await callApi("replaceDraft", { key, params: { id }, body: badStep });
    expect(invalid.status).toBe(400);
    const blank = { key: "e1", type: "email", subject: "", body: "" };
    const saved = await callApi("replaceDraft", {
      key,
      params: { id },
      body: { revision: draft.body.revision, draft: { steps: [blank] } },
    });
    expect(saved.status).toBe(200);
    const publish = await callApi("publishVersion", { key, params: { id }, body: { note: "try" } });
    expect(publish.status).toBe(422);
    expect(publish.body.details?.draftErrors?.length).toBeGreaterThan(0);
  });
});
