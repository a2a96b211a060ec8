// Review before publish (four-eyes): the policy, the gate in publishVersion, self-approval,
// approvals bound to the draft revision and hash, role checks, and the notifications they create
// (readable and markable only by their owner).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { signInAs } from "./support/session";
import { listNotificationsAction, markNotificationsReadAction } from "@/lib/actions/notifications";
import { publishWithPlanAction } from "@/lib/actions/publish";
import {
  commentOnReviewAction,
  decideReviewAction,
  requestReviewAction,
  reviewGateAction,
  withdrawReviewAction,
} from "@/lib/actions/reviews";
import { updateOrganizationSettingsAction } from "@/lib/actions/organization";
import { db } from "@/lib/server/db";
import { DomainError } from "@/lib/server/errors";
import { decideReview } from "@/lib/server/reviews/decide-review";
import { findReview } from "@/lib/server/reviews/find-review";
import { findReviewGate } from "@/lib/server/reviews/find-review-gate";
import { requestReview } from "@/lib/server/reviews/request-review";
import type { SessionUser } from "@/lib/server/session";
import { enrollContacts } from "@/lib/server/sequences/enroll-contacts";
import { findPublishPlan } from "@/lib/server/sequences/find-publish-plan";
import { publishVersion } from "@/lib/server/sequences/publish-version";
import { saveDraft } from "@/lib/server/sequences/save-draft";
import { ALL_SCOPES, callApi, makeApiKey } from "./support/api";
import { makeUser } from "./support/factories";
import { currentDraft, fiveStepDraft, makeContacts, makeSequenceWithDraft } from "./support/sequences";

let author: SessionUser;
let reviewer: SessionUser;
let admin: SessionUser;
let viewer: SessionUser;

async function setPolicy(reviewPolicy: "off" | "always" | "structural_or_over_n", reviewThreshold = 100) {
  await db().organizationSettings.update({ where: { id: true }, data: { reviewPolicy, reviewThreshold } });
}

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

async function editDraft(sequenceId: string, edit: (draft: ReturnType<typeof fiveStepDraft>) => void) {
  const { draft, revision } = await currentDraft(sequenceId);
  edit(draft);
  return saveDraft({ actorId: author.id, sequenceId, revision, draft });
}

/** A sequence with v1 published (policy off) and a content-only change in its draft. */
async function publishedWithContentEdit() {
  const seq = await makeSequenceWithDraft(author.id);
  await publishVersion({ actorId: author.id, sequenceId: seq.id, note: "v1" });
  await editDraft(seq.id, (d) => {
    d.steps[2] = { key: "tips", type: "email", subject: "Four tips", body: "Tip one to four.\n\n{{unsubscribe_url}}" };
  });
  return seq;
}

beforeAll(async () => {
  [author, reviewer, admin, viewer] = await Promise.all([
    makeUser("editor"),
    makeUser("editor"),
    makeUser("admin"),
    makeUser("viewer"),
  ]);
});
afterEach(async () => {
  await setPolicy("off");
});
afterAll(async () => {
  await db().$disconnect();
});

describe("review policy", () => {
  it("off: publishes without any review", async () => {
    await setPolicy("off");
    const seq = await makeSequenceWithDraft(author.id);
    expect(await publishVersion({ actorId: author.id, sequenceId: seq.id, note: "v1" })).toMatchObject({
      number: 1,
      created: true,
    });
  });

  it("always: refuses without approval (409-style conflict), then publishes the approved draft and consumes the approval", async () => {
    const seq = await publishedWithContentEdit();
    await setPolicy("always");
    const error = await refusal(publishVersion({ actorId: author.id, sequenceId: seq.id, note: "v2" }));
    expect(error.code).toBe("conflict");
    expect(error.message).toContain("needs an approved review");
    expect(await db().sequenceVersion.count({ where: { sequenceId: seq.id } })).toBe(1);

    const { reviewId } = await requestReview({ actorId: author.id, sequenceId: seq.id, note: "Wording fix" });
    await decideReview({ actorId: reviewer.id, reviewId, decision: "approve" });
    const published = await publishVersion({ actorId: author.id, sequenceId: seq.id, note: "v2" });
    expect(published).toMatchObject({ number: 2, created: true });
    const review = await db().publishReview.findUniqueOrThrow({ where: { id: reviewId } });
    expect(review).toMatchObject({ status: "published", publishedVersionId: published.versionId });
    const audit = await db().auditLog.findFirstOrThrow({
      where: { action: "sequence.publish", entityId: seq.id },
      orderBy: { at: "desc" },
    });
    expect(audit.detail).toMatchObject({ reviewId });
    // Nothing left to publish, nothing to review.
    expect(await findReviewGate(seq.id)).toMatchObject({ required: false, latest: { status: "published" } });

    // Consumed: the next change needs a new review.
    await editDraft(seq.id, (d) => {
      d.steps[4] = { key: "offer", type: "email", subject: "Offer", body: "25% off.\n\n{{unsubscribe_url}}" };
    });
    await refusal(publishVersion({ actorId: author.id, sequenceId: seq.id, note: "v3" }));
  });

  it("structural_or_over_n: content-only under the threshold passes, structural or over the threshold needs review", async () => {
    const seq = await publishedWithContentEdit();
    await setPolicy("structural_or_over_n", 3);
    // Content only, nobody in flight: no review.
    expect(await publishVersion({ actorId: author.id, sequenceId: seq.id, note: "v2" })).toMatchObject({ number: 2 });
    // Structural (a step removed): review.
    await editDraft(seq.id, (d) => {
      d.steps.splice(3, 2);
    });
    const structural = await refusal(publishVersion({ actorId: author.id, sequenceId: seq.id, note: "v3" }));
    expect(structural.message).toContain("structural");
    await editDraft(seq.id, (d) => {
      Object.assign(d, fiveStepDraft());
      d.steps[2] = {
        key: "tips",
        type: "email",
        subject: "Four tips",
        body: "Tip one to four.\n\n{{unsubscribe_url}}",
      };
      d.steps[0] = { key: "intro", type: "email", subject: "Hello", body: "Hi.\n\n{{unsubscribe_url}}" };
    });
    // Content only, 4 contacts in flight > threshold 3: review.
    await enrollContacts({ actorId: author.id, sequenceId: seq.id, contactIds: await makeContacts(4, "rv") });
    const crowded = await refusal(publishVersion({ actorId: author.id, sequenceId: seq.id, note: "v3" }));
    expect(crowded.message).toContain("4 contacts are in flight, more than the review threshold of 3");
    await setPolicy("structural_or_over_n", 4);
    expect(await publishVersion({ actorId: author.id, sequenceId: seq.id, note: "v3" })).toMatchObject({ number: 3 });
  });

  it("the gate action tells the dialog whether a review is needed and whether this draft has one", async () => {
    const seq = await publishedWithContentEdit();
    await setPolicy("always");
    signInAs(viewer);
    const gate = await reviewGateAction({ sequenceId: seq.id });
    expect(gate).toMatchObject({ ok: true, data: { required: true, approval: null, latest: null } });
  });

  it("only admins change the policy, and the change is audited", async () => {
    signInAs(author);
    expect(await updateOrganizationSettingsAction({ reviewPolicy: "always" })).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    signInAs(admin);
    expect(
      await updateOrganizationSettingsAction({ reviewPolicy: "structural_or_over_n", reviewThreshold: "50" }),
    ).toMatchObject({
      ok: true,
    });
    expect(await db().organizationSettings.findUniqueOrThrow({ where: { id: true } })).toMatchObject({
      reviewPolicy: "structural_or_over_n",
      reviewThreshold: 50,
    });
    const audit = await db().auditLog.findFirstOrThrow({
      where: { action: "organization.settings" },
      orderBy: { at: "desc" },
    });
    expect(audit.detail).toMatchObject({ reviewPolicy: { to: "structural_or_over_n" }, reviewThreshold: { to: 50 } });
    expect(await updateOrganizationSettingsAction({ reviewPolicy: "sometimes" as never })).toMatchObject({ ok: false });
    expect(await updateOrganizationSettingsAction({ reviewThreshold: "-1" })).toMatchObject({ ok: false });
  });
});

describe("review rules", () => {
  it("refuses self-approval at the service and in the database", async () => {
    const seq = await publishedWithContentEdit();
    const { reviewId } = await requestReview({ actorId: author.id, sequenceId: seq.id, note: "Please" });
    const error = await refusal(decideReview({ actorId: author.id, reviewId, decision: "approve" }));
    expect(error.code).toBe("forbidden");
    expect(error.message).toContain("cannot decide it");
    // The CHECK constraint holds even if a service forgot.
    await expect(
      db().publishReview.update({ where: { id: reviewId }, data: { status: "approved", decidedById: author.id } }),
    ).rejects.toThrow();
    expect((await db().publishReview.findUniqueOrThrow({ where: { id: reviewId } })).status).toBe("open");
  });

  it("a draft change after approval invalidates it: shown stale, and publish is refused", async () => {
    const seq = await publishedWithContentEdit();
    await setPolicy("always");
    const { reviewId } = await requestReview({ actorId: author.id, sequenceId: seq.id, note: "Fix" });
    await decideReview({ actorId: reviewer.id, reviewId, decision: "approve" });
    await editDraft(seq.id, (d) => {
      d.steps[0] = {
        key: "intro",
        type: "email",
        subject: "Sneaky",
        body: "Changed after approval.\n\n{{unsubscribe_url}}",
      };
    });
    const error = await refusal(publishVersion({ actorId: author.id, sequenceId: seq.id, note: "v2" }));
    expect(error.message).toContain("needs an approved review");
    const detail = await findReview(seq.id, reviewId);
    expect(detail).toMatchObject({ status: "stale", draftMoved: true, decidedBy: reviewer.name });

    // Even saving the approved content back (new revision, same hash) does not revive it.
    await editDraft(seq.id, (d) => {
      d.steps[0] = fiveStepDraft().steps[0]!;
    });
    await refusal(publishVersion({ actorId: author.id, sequenceId: seq.id, note: "v2" }));
  });

  it("an open request for an older draft cannot be approved", async () => {
    const seq = await publishedWithContentEdit();
    const { reviewId } = await requestReview({ actorId: author.id, sequenceId: seq.id, note: "Fix" });
    await editDraft(seq.id, (d) => {
      d.steps[0] = { key: "intro", type: "email", subject: "Later", body: "Later.\n\n{{unsubscribe_url}}" };
    });
    const error = await refusal(decideReview({ actorId: reviewer.id, reviewId, decision: "approve" }));
    expect(error.message).toContain("The draft changed after this review was requested");
    // A new request supersedes it (at most one open per sequence).
    const next = await requestReview({ actorId: author.id, sequenceId: seq.id, note: "Again" });
    expect((await db().publishReview.findUniqueOrThrow({ where: { id: reviewId } })).status).toBe("stale");
    await refusal(requestReview({ actorId: author.id, sequenceId: seq.id, note: "Twice" }));
    expect(await db().publishReview.count({ where: { sequenceId: seq.id, status: "open" } })).toBe(1);
    expect(next.reviewId).not.toBe(reviewId);
  });

  it("role checks: a viewer can neither request, decide, comment nor withdraw; the author withdraws", async () => {
    const seq = await publishedWithContentEdit();
    const { revision } = await currentDraft(seq.id);
    signInAs(viewer);
    expect(await requestReviewAction({ sequenceId: seq.id, note: "x", expectedRevision: revision })).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    signInAs(author);
    const requested = await requestReviewAction({ sequenceId: seq.id, note: "Look", expectedRevision: revision });
    expect(requested.ok).toBe(true);
    if (!requested.ok) return;
    const reviewId = requested.data.reviewId;
    expect(requested.data.link).toBe(`/sequences/${seq.id}/reviews/${reviewId}`);
    signInAs(viewer);
    for (const result of [
      await decideReviewAction({ reviewId, decision: "approve" }),
      await commentOnReviewAction({ reviewId, body: "hi" }),
      await withdrawReviewAction({ reviewId }),
    ]) {
      expect(result).toMatchObject({ ok: false, code: "forbidden" });
    }
    signInAs(reviewer);
    expect(await withdrawReviewAction({ reviewId })).toMatchObject({ ok: false, code: "forbidden" });
    signInAs(author);
    expect(await decideReviewAction({ reviewId, decision: "approve" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await withdrawReviewAction({ reviewId })).toMatchObject({ ok: true });
    signInAs(reviewer);
    expect(await decideReviewAction({ reviewId, decision: "approve" })).toMatchObject({ ok: false, code: "conflict" });
  });

  it("the dialog's publish action gets the review refusal as a conflict with its message", async () => {
    const seq = await publishedWithContentEdit();
    await setPolicy("always");
    const { revision } = await currentDraft(seq.id);
    signInAs(author);
    const result = await publishWithPlanAction({
      sequenceId: seq.id,
      note: "v2",
      expectedRevision: revision,
      acknowledgedWarnings: (await findPublishPlan(seq.id)).lint?.findings.map((f) => f.id) ?? [],
      inFlight: "keep",
    });
    expect(result).toMatchObject({ ok: false, code: "conflict", error: expect.stringContaining("approved review") });
  });
});

describe("the public API", () => {
  it("answers 409 with the review message when a review is needed, and 201 once approved", async () => {
    const { secret } = await makeApiKey(ALL_SCOPES);
    const seq = await publishedWithContentEdit();
    await setPolicy("always");
    const refused = await callApi("publishVersion", { key: secret, params: { id: seq.id }, body: { note: "v2" } });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain("needs an approved review");
    const { reviewId } = await requestReview({ actorId: author.id, sequenceId: seq.id, note: "API" });
    await decideReview({ actorId: reviewer.id, reviewId, decision: "approve" });
    const published = await callApi("publishVersion", { key: secret, params: { id: seq.id }, body: { note: "v2" } });
    expect(published.status).toBe(201);
  });
});

describe("notifications", () => {
  it("a request notifies editors and admins but not the author or viewers; a decision and a comment notify the author", async () => {
    const seq = await publishedWithContentEdit();
    const { reviewId } = await requestReview({ actorId: author.id, sequenceId: seq.id, note: "Please" });
    const link = `/sequences/${seq.id}/reviews/${reviewId}`;
    const of = (userId: string) => db().notification.findMany({ where: { userId, link } });
    expect(await of(reviewer.id)).toEqual([expect.objectContaining({ kind: "review.requested", readAt: null })]);
    expect(await of(admin.id)).toHaveLength(1);
    expect(await of(author.id)).toHaveLength(0);
    expect(await of(viewer.id)).toHaveLength(0);

    await decideReview({ actorId: reviewer.id, reviewId, decision: "request_changes", comment: "Shorter please" });
    expect((await of(author.id)).map((n) => n.kind)).toEqual(["review.changes_requested"]);
    signInAs(author);
    expect(await commentOnReviewAction({ reviewId, body: "Done, will re-request" })).toMatchObject({ ok: true });
    // The author's comment notifies the reviewer who took part, not the author.
    expect((await of(reviewer.id)).map((n) => n.kind).sort()).toEqual(["review.comment", "review.requested"]);
    expect(await of(author.id)).toHaveLength(1);
  });

  it("each user lists and marks only their own", async () => {
    const seq = await publishedWithContentEdit();
    await requestReview({ actorId: author.id, sequenceId: seq.id, note: "Please" });
    const mine = await db().notification.findFirstOrThrow({
      where: { userId: reviewer.id },
      orderBy: { createdAt: "desc" },
    });

    signInAs(admin);
    const adminList = await listNotificationsAction({});
    expect(adminList.ok && adminList.data.items.every((n) => n.id !== mine.id)).toBe(true);
    // Someone else's id changes nothing.
    expect(await markNotificationsReadAction({ ids: [mine.id] })).toMatchObject({ ok: true, data: { marked: 0 } });
    expect((await db().notification.findUniqueOrThrow({ where: { id: mine.id } })).readAt).toBeNull();

    signInAs(reviewer);
    const before = await listNotificationsAction({});
    expect(before.ok && before.data.unread).toBeGreaterThan(0);
    expect(await markNotificationsReadAction({ ids: [mine.id] })).toMatchObject({ ok: true, data: { marked: 1 } });
    expect(await markNotificationsReadAction({ ids: "all" })).toMatchObject({ ok: true });
    expect(await listNotificationsAction({})).toMatchObject({ ok: true, data: { unread: 0 } });
    // The admin's own stay unread.
    signInAs(admin);
    expect((await listNotificationsAction({})) as { data: { unread: number } }).toMatchObject({
      data: { unread: expect.any(Number) },
    });
    expect(await db().notification.count({ where: { userId: admin.id, readAt: null } })).toBeGreaterThan(0);

    signInAs(null);
    expect(await listNotificationsAction({})).toMatchObject({ ok: false, code: "unauthenticated" });
  });
});
