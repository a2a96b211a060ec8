import "server-only";
import { randomUUID } from "node:crypto";
import { renderTemplate } from "@/lib/domain/render-template";
import { PREVIEW_UNSUBSCRIBE_URL, TEST_SENDS_PER_HOUR, type TestSendResult } from "@/lib/views/editor";
import { writeAudit } from "../audit";
import { findPreviewContact } from "../contacts/find-preview-contact";
import { db } from "../db";
import { DomainError } from "../errors";
import type { SessionUser } from "../session";
import { sendThroughTransport } from "../test-transport";
import { parseDraft } from "./sequence-rows";

export const TEST_SEND_ACTION = "sequence.test_sent";

/**
 * "Send me a test": the draft's email or SMS step `stepKey`, rendered for `contactId` exactly as
 * the runner renders it (renderTemplate, attributes and fallbacks; a placeholder unsubscribe
 * link), sent through the configured transport to the signed-in user's own email (or, for SMS,
 * the number they typed), subject prefixed "[Test]". Recorded in the audit log, never in
 * `messages`. At most TEST_SENDS_PER_HOUR per user: the count and the audit row are taken under a
 * per-user advisory lock, so two concurrent requests cannot both pass the limit.
 */
export async function sendTestMessage(input: {
  actor: SessionUser;
  sequenceId: string;
  stepKey: string;
  contactId: string;
  phone?: string | null;
}): Promise<TestSendResult> {
  const { actor } = input;
  const sequence = await db().sequence.findUnique({
    where: { id: input.sequenceId },
    select: { id: true, name: true, draft: true },
  });
  if (!sequence) throw new DomainError("That sequence does not exist (it may have been removed).", "not_found");
  const step = parseDraft(sequence.draft).steps.find((s) => s.key === input.stepKey);
  if (!step) throw new DomainError("That step is not in the saved draft; wait for the draft to save, then try again.");
  if (step.type !== "email" && step.type !== "sms")
    throw new DomainError("Only email and SMS steps can be sent as a test.");
  const contact = await findPreviewContact(input.contactId);
  if (!contact) throw new DomainError("That contact does not exist (it may have been removed).", "not_found");
  const to = step.type === "email" ? actor.email : (input.phone ?? "").trim();
  if (step.type === "sms" && !to) throw new DomainError("Type the phone number to send the test SMS to.");

  const extra = { unsubscribe_url: PREVIEW_UNSUBSCRIBE_URL };
  const body = renderTemplate(step.body, contact, extra);
  const subject = step.type === "email" ? `[Test] ${renderTemplate(step.subject, contact, extra)}` : null;
  const text = step.type === "sms" ? `[Test] ${body}` : body;

  return db().$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`test-send:${actor.id}`}))`;
      const counted = await tx.$queryRaw<{ count: bigint }[]>`
        SELECT count(*) AS count FROM audit_log
        WHERE at > now() - interval '1 hour' AND action = ${TEST_SEND_ACTION} AND actor_id = ${actor.id}::uuid`;
      if (Number(counted[0]?.count ?? 0) >= TEST_SENDS_PER_HOUR) {
        throw new DomainError(
          `You have sent ${TEST_SENDS_PER_HOUR} tests in the last hour, the most allowed; try again later.`,
          "invalid",
          { rateLimited: true },
        );
      }
      const transport = await sendThroughTransport({ id: randomUUID(), channel: step.type, to, subject, body: text });
      await writeAudit(tx, {
        actorId: actor.id,
        action: TEST_SEND_ACTION,
        entityType: "sequence",
        entityId: sequence.id,
        summary: `Sent a test of step ${step.key} (${step.type}) of "${sequence.name}" to ${to}`,
        detail: { stepKey: step.key, channel: step.type, to, contactId: contact.id, subject, transport, test: true },
      });
      return { channel: step.type, to, subject, transport };
    },
    { timeout: 30_000 },
  );
}
