// Guardrails at publish (service level), the acknowledged warnings and in-flight choice stored
// with the version, the content-only fix applied to 1,000 in-flight enrollments and undone, and
// the recipient's unsubscribe link: rendered by the runner, the page's POST, RFC 8058 one-click,
// a tampered token, and the List-Unsubscribe headers at a local SMTP sink.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as oneClick } from "@/app/u/[token]/one-click/route";
import { signingKey } from "@/lib/config/signing-key";
import { readPublishRecord } from "@/lib/domain/lint/publish-record";
import { unsubscribeToken } from "@/lib/domain/unsubscribe-link";
import { drainDue } from "@/lib/engine/run-batch";
import { SmtpTransport } from "@/lib/engine/transports";
import { db } from "@/lib/server/db";
import { DomainError } from "@/lib/server/errors";
import { undoMigration } from "@/lib/server/migrations/undo-migration";
import type { SessionUser } from "@/lib/server/session";
import { enrollContacts } from "@/lib/server/sequences/enroll-contacts";
import { findLintChanges, LINT_CONTEXT_TTL_MS } from "@/lib/server/sequences/find-lint-changes";
import { findPublishPlan } from "@/lib/server/sequences/find-publish-plan";
import { findVersion } from "@/lib/server/sequences/find-version";
import { publishVersion } from "@/lib/server/sequences/publish-version";
import { saveDraft } from "@/lib/server/sequences/save-draft";
import { findUnsubscribeTarget } from "@/lib/server/unsubscribe-links/find-unsubscribe-subject";
import { unsubscribeByToken } from "@/lib/server/unsubscribe-links/unsubscribe-by-token";
import { makeUser } from "./support/factories";
import { testPool } from "./support/runner-fixtures";
import { startSmtpSink } from "./support/runner-smtp-sink";
import { currentDraft, fiveStepDraft, makeContacts, makeSequenceWithDraft } from "./support/sequences";

let editor: SessionUser;
const pool = testPool();

beforeAll(async () => {
  editor = await makeUser("editor");
});
afterAll(async () => {
  await pool.end();
  await db().$disconnect();
});

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
  return saveDraft({ actorId: editor.id, sequenceId, revision, draft });
}

describe("guardrails at publish", () => {
  it("refuses an email without {{unsubscribe_url}} at the service, creates nothing, and publishes once it is fixed", async () => {
    const draft = fiveStepDraft();
    draft.steps[0] = { key: "intro", type: "email", subject: "Hi", body: "No way out here." };
    const seq = await makeSequenceWithDraft(editor.id, draft);
    const error = await refusal(publishVersion({ actorId: editor.id, sequenceId: seq.id, note: "v1" }));
    expect(error.message).toContain("no unsubscribe link");
    expect((error.details as { lintErrors: { rule: string; stepKey: string }[] }).lintErrors).toEqual([
      expect.objectContaining({ rule: "email-unsubscribe-missing", stepKey: "intro" }),
    ]);
    expect(await db().sequenceVersion.count({ where: { sequenceId: seq.id } })).toBe(0);

    await editDraft(seq.id, (d) => {
      d.steps[0] = { key: "intro", type: "email", subject: "Hi", body: "Bye: {{unsubscribe_url}}" };
    });
    expect(await publishVersion({ actorId: editor.id, sequenceId: seq.id, note: "v1" })).toMatchObject({
      number: 1,
      created: true,
    });
  });

  it("treats a custom attribute some contact has as a known merge field, and an unknown one as an error", async () => {
    const field = `tier_${Date.now()}`;
    const draft = fiveStepDraft();
    draft.steps[0] = { key: "intro", type: "email", subject: "Hi", body: `Your {{${field}}} {{unsubscribe_url}}` };
    const seq = await makeSequenceWithDraft(editor.id, draft);
    const error = await refusal(publishVersion({ actorId: editor.id, sequenceId: seq.id, note: "v1" }));
    expect(error.message).toContain(`{{${field}}} is not a contact field`);
    await db().contact.create({ data: { email: `${field}@test.example`, attributes: { [field]: "gold" } } });
    expect(await publishVersion({ actorId: editor.id, sequenceId: seq.id, note: "v1" })).toMatchObject({ number: 1 });
  });

  it("needs every warning acknowledged when the dialog lists them, and stores them with the version", async () => {
    const draft = fiveStepDraft();
    draft.steps.push({ key: "nudge", type: "sms", body: "Quick reminder" }); // no "Reply STOP": a warning
    const seq = await makeSequenceWithDraft(editor.id, draft);
    const plan = await findPublishPlan(seq.id);
    const warnings = plan.lint!.findings.filter((f) => f.severity === "warning");
    expect(warnings.map((w) => w.rule)).toContain("sms-opt-out-missing");
    expect(plan.lint!.findings.filter((f) => f.severity === "error")).toEqual([]);

    const error = await refusal(
      publishVersion({ actorId: editor.id, sequenceId: seq.id, note: "v1", acknowledgedWarnings: [] }),
    );
    expect((error.details as { unacknowledgedWarnings: unknown[] }).unacknowledgedWarnings).toHaveLength(
      warnings.length,
    );
    const ids = warnings.map((w) => w.id);
    const published = await publishVersion({
      actorId: editor.id,
      sequenceId: seq.id,
      note: "v1",
      acknowledgedWarnings: ids,
      inFlight: "keep",
    });
    const version = await db().sequenceVersion.findUniqueOrThrow({ where: { id: published.versionId } });
    const record = readPublishRecord(version.publishRecord);
    expect(record).toMatchObject({ acknowledgement: "dialog", inFlight: "keep" });
    expect(record!.acknowledgedWarnings.sort()).toEqual([...ids].sort());
    const audit = await db().auditLog.findFirstOrThrow({
      where: { entityId: seq.id, action: "sequence.publish" },
      orderBy: { at: "desc" },
    });
    expect(audit.detail).toMatchObject({ inFlight: "keep", acknowledgement: "dialog" });
  });

  it("warns that 32 % of the in-flight audience has no company, and not once the tag has a fallback", async () => {
    const seq = await makeSequenceWithDraft(editor.id);
    await publishVersion({ actorId: editor.id, sequenceId: seq.id, note: "v1" });
    const tag = `co${Date.now()}`;
    await db().contact.createMany({
      data: Array.from({ length: 25 }, (_, i) => ({
        email: `${tag}-${i}@test.example`,
        firstName: `Ada${i}`,
        attributes: i < 8 ? {} : { company: `Company ${i}` },
      })),
    });
    const ids = (
      await db().contact.findMany({ where: { email: { startsWith: `${tag}-` } }, select: { id: true } })
    ).map((c) => c.id);
    await enrollContacts({ actorId: editor.id, sequenceId: seq.id, contactIds: ids });
    await editDraft(seq.id, (d) => {
      d.steps[2] = { key: "tips", type: "email", subject: "Tips for {{company}}", body: "Tips {{unsubscribe_url}}" };
    });
    const plan = await findPublishPlan(seq.id);
    const empty = plan.lint!.findings.find((f) => f.rule === "merge-field-empty");
    expect(plan.lint!.findings.filter((f) => f.rule === "merge-field-empty")).toHaveLength(1);
    expect(empty?.message).toContain("32 % of the contacts in this audience (8 of 25) have no `company`");
    expect(plan.lint!.audience).toBe("the 25 contacts in flight in this sequence");

    await editDraft(seq.id, (d) => {
      d.steps[2] = { key: "tips", type: "email", subject: 'Tips for {{company | "you"}}', body: "{{unsubscribe_url}}" };
    });
    expect((await findPublishPlan(seq.id)).lint!.findings.some((f) => f.rule === "merge-field-empty")).toBe(false);
  });

  it("the compare page reuses the audience figures for 30 s, says how old they are, then loads them again", async () => {
    const seq = await makeSequenceWithDraft(editor.id);
    await publishVersion({ actorId: editor.id, sequenceId: seq.id, note: "v1" });
    const tag = `cmp${Date.now()}`;
    await db().contact.createMany({
      data: Array.from({ length: 10 }, (_, i) => ({
        email: `${tag}-${i}@test.example`,
        attributes: i < 4 ? {} : { company: `Company ${i}` },
      })),
    });
    const ids = (
      await db().contact.findMany({ where: { email: { startsWith: `${tag}-` } }, select: { id: true } })
    ).map((c) => c.id);
    await enrollContacts({ actorId: editor.id, sequenceId: seq.id, contactIds: ids });
    await editDraft(seq.id, (d) => {
      d.steps[2] = { key: "tips", type: "email", subject: "Tips for {{company}}", body: "Tips {{unsubscribe_url}}" };
    });
    const v1 = (await findVersion(seq.id, 1))!;
    const compare = async () => {
      const { draft } = await currentDraft(seq.id);
      const changes = await findLintChanges({ sequenceId: seq.id, from: v1.content, to: draft });
      return { ...changes!, empty: changes!.appeared.find((f) => f.rule === "merge-field-empty")?.message ?? "" };
    };
    const first = await compare();
    expect(first.empty).toContain("(4 of 10) have no `company`");
    expect(first.ageMs).toBeLessThan(LINT_CONTEXT_TTL_MS);

    await db().contact.updateMany({ where: { id: { in: ids } }, data: { attributes: { company: "Filled" } } });
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 10_000 });
    try {
      const reused = await compare();
      expect(reused.empty).toContain("(4 of 10)");
      expect(reused.ageMs).toBeGreaterThanOrEqual(10_000);
      vi.setSystemTime(Date.now() + LINT_CONTEXT_TTL_MS);
      const fresh = await compare();
      expect(fresh.empty).toBe("");
      expect(fresh.ageMs).toBeLessThan(1000);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("in-flight plan: the content-only fix", () => {
  it("applies a fixed subject to 1,000 in-flight enrollments at publish, with exact counts, and undoes it", async () => {
    const seq = await makeSequenceWithDraft(editor.id);
    const v1 = await publishVersion({ actorId: editor.id, sequenceId: seq.id, note: "v1" });
    const contactIds = await makeContacts(1000, "fix");
    expect((await enrollContacts({ actorId: editor.id, sequenceId: seq.id, contactIds })).enrolled).toBe(1000);
    await editDraft(seq.id, (d) => {
      const offer = d.steps[4]!;
      if (offer.type === "email") offer.subject = "A special offer (typo fixed)";
    });
    const plan = await findPublishPlan(seq.id);
    expect(plan.active).toMatchObject({ number: 1, change: "content" });
    expect(plan.inFlight).toEqual([{ number: 1, total: 1000, change: "content" }]);

    const published = await publishVersion({
      actorId: editor.id,
      sequenceId: seq.id,
      note: "typo",
      acknowledgedWarnings: plan.lint!.findings.filter((f) => f.severity === "warning").map((f) => f.id),
      inFlight: "apply-content-fix",
    });
    expect(published.number).toBe(2);
    expect(published.contentFix!.skipped).toEqual([]);
    const [migration] = published.contentFix!.migrations;
    expect(migration).toMatchObject({ fromNumber: 1, counts: { total: 1000, moved: 1000, exited: 0, completed: 0 } });
    const onVersion = async (versionId: string) =>
      db().enrollment.count({ where: { sequenceId: seq.id, sequenceVersionId: versionId } });
    expect(await onVersion(published.versionId)).toBe(1000);
    // Nobody changed step: the identity map.
    const steps = await db().enrollment.groupBy({
      by: ["currentStepKey"],
      where: { sequenceId: seq.id },
      _count: true,
    });
    expect(steps.map((s) => [s.currentStepKey, s._count])).toEqual([["intro", 1000]]);
    const version = await db().sequenceVersion.findUniqueOrThrow({ where: { id: published.versionId } });
    expect(readPublishRecord(version.publishRecord)?.inFlight).toBe("apply-content-fix");

    const undone = await undoMigration({ actorId: editor.id, migrationId: migration!.migrationId });
    expect(undone).toMatchObject({ counts: expect.objectContaining({ undone: 1000 }) });
    expect(await onVersion(v1.versionId)).toBe(1000);
    expect(await onVersion(published.versionId)).toBe(0);
  });

  it("refuses the content-only fix for a structural change and publishes nothing", async () => {
    const seq = await makeSequenceWithDraft(editor.id);
    await publishVersion({ actorId: editor.id, sequenceId: seq.id, note: "v1" });
    await editDraft(seq.id, (d) => {
      d.steps.pop();
    });
    const error = await refusal(
      publishVersion({ actorId: editor.id, sequenceId: seq.id, note: "v2", inFlight: "apply-content-fix" }),
    );
    expect(error.message).toContain("not content only");
    expect(await db().sequenceVersion.count({ where: { sequenceId: seq.id } })).toBe(1);
  });
});

describe("unsubscribe links", () => {
  async function enrolledContact() {
    const seq = await makeSequenceWithDraft(editor.id);
    await publishVersion({ actorId: editor.id, sequenceId: seq.id, note: "v1" });
    const [contactId] = await makeContacts(1, "unsub");
    await enrollContacts({ actorId: editor.id, sequenceId: seq.id, contactIds: [contactId!] });
    return { sequenceId: seq.id, contactId: contactId! };
  }
  const post = (token: string, body: string) =>
    oneClick(
      new Request(`http://localhost/u/${token}/one-click`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body,
      }),
      { params: Promise.resolve({ token }) },
    );

  it("renders {{unsubscribe_url}} in the sent body; one-click POST unsubscribes and exits the enrollment, idempotently", async () => {
    const { sequenceId, contactId } = await enrolledContact();
    await drainDue({ pool, now: new Date(), scope: { sequenceIds: [sequenceId] } });
    const message = await db().message.findFirstOrThrow({ where: { enrollment: { sequenceId } } });
    const link = /(http\S+)\/u\/(\S+)$/.exec(message.body);
    expect(link?.[1]).toBe("http://localhost:3000");
    const token = link![2]!;

    const response = await post(token, "List-Unsubscribe=One-Click");
    expect(response.status).toBe(200);
    const contact = await db().contact.findUniqueOrThrow({ where: { id: contactId } });
    expect(contact.unsubscribedAt).not.toBeNull();
    const enrollment = await db().enrollment.findFirstOrThrow({ where: { contactId, sequenceId } });
    expect(enrollment.status).toBe("exited");

    const audits = () => db().auditLog.count({ where: { entityId: contactId, action: "contact.unsubscribe" } });
    expect(await audits()).toBe(1);
    expect((await post(token, "List-Unsubscribe=One-Click")).status).toBe(200);
    expect(await audits()).toBe(1);
  });

  it("the page's button POST redirects to the confirmation", async () => {
    const { contactId } = await enrolledContact();
    const token = unsubscribeToken(signingKey(), { kind: "contact", contactId, enrollmentId: null });
    expect(await findUnsubscribeTarget(token)).toMatchObject({ contactId, unsubscribedAt: null });
    const response = await post(token, "confirm=yes");
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe(`/u/${token}?done=1`);
    expect((await findUnsubscribeTarget(token))?.unsubscribedAt).not.toBeNull();
    expect((await findUnsubscribeTarget(token))?.maskedEmail).toMatch(/^unsub-[^@]+@…$/);
  });

  it("a tampered token writes nothing", async () => {
    const { contactId } = await enrolledContact();
    const token = unsubscribeToken(signingKey(), { kind: "contact", contactId, enrollmentId: null });
    const tampered = `${token.slice(0, -2)}${token.endsWith("AA") ? "BB" : "AA"}`;
    expect(await unsubscribeByToken(tampered)).toEqual({ ok: false });
    expect((await post(tampered, "List-Unsubscribe=One-Click")).status).toBe(400);
    expect((await post(token, "anything=else")).status).toBe(400);
    expect((await db().contact.findUniqueOrThrow({ where: { id: contactId } })).unsubscribedAt).toBeNull();
    expect(await db().auditLog.count({ where: { entityId: contactId, action: "contact.unsubscribe" } })).toBe(0);
  });

  it("SMTP mail carries List-Unsubscribe and List-Unsubscribe-Post; the header's link unsubscribes the message's contact", async () => {
    const { sequenceId, contactId } = await enrolledContact();
    await drainDue({ pool, now: new Date(), scope: { sequenceIds: [sequenceId] } });
    const message = await db().message.findFirstOrThrow({ where: { enrollment: { sequenceId } } });
    const sink = await startSmtpSink();
    const transport = new SmtpTransport(sink.url);
    try {
      await transport.send({
        id: message.id,
        channel: "email",
        to: message.to,
        subject: message.subject,
        body: message.body,
      });
    } finally {
      transport.close();
      await sink.close();
    }
    const raw = sink.captured.find((c) => c.to.includes(message.to))!.raw.replace(/\r\n[ \t]+/g, " ");
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    const header = /^List-Unsubscribe: <http:\/\/localhost:3000\/u\/([^>]+)>$/m.exec(raw);
    expect(header).not.toBeNull();
    expect((await post(header![1]!, "List-Unsubscribe=One-Click")).status).toBe(200);
    expect((await db().contact.findUniqueOrThrow({ where: { id: contactId } })).unsubscribedAt).not.toBeNull();
  });
});
