import "server-only";
import { z } from "zod";
import { summarizeDeliveryError } from "@/lib/domain/delivery-error";
import { emailHeaders, transportNameFor } from "@/lib/engine/transports";
import type { DeliveryAttemptRow, MessageDetail } from "@/lib/views/messages";
import { db } from "../db";
import { parseVersionContent } from "../sequences/sequence-rows";

const OUTCOMES = new Set(["retrying", "failed"]);

/** One rendered message with where it came from, or null when there is no such message. */
export async function findMessage(id: string): Promise<MessageDetail | null> {
  if (!z.uuid().safeParse(id).success) return null;
  const message = await db().message.findUnique({
    where: { id },
    include: {
      enrollment: {
        select: {
          id: true,
          contact: { select: { id: true, email: true, firstName: true, lastName: true } },
          sequence: { select: { id: true, name: true } },
        },
      },
      failedAttempts: { orderBy: { attempt: "asc" }, select: { attempt: true, at: true, outcome: true, error: true } },
    },
  });
  if (!message) return null;
  const version = await db().sequenceVersion.findUniqueOrThrow({
    where: { id: message.sequenceVersionId },
    select: { id: true, number: true, content: true },
  });
  const steps = parseVersionContent(version.content).steps;
  const index = steps.findIndex((s) => s.key === message.stepKey);
  // Failed attempts are rows of their own; the successful one is the message itself.
  const attempts: DeliveryAttemptRow[] = message.failedAttempts.map((a) => ({
    attempt: a.attempt,
    at: a.at,
    outcome: OUTCOMES.has(a.outcome) ? (a.outcome as "retrying" | "failed") : "failed",
    error: summarizeDeliveryError(a.error)?.summary ?? null,
  }));
  if (message.status === "sent")
    attempts.push({ attempt: message.attempts, at: message.sentAt, outcome: "sent", error: null });
  const headers =
    message.channel === "email"
      ? emailHeaders({ id: message.id, to: message.to, subject: message.subject })
      : [["To", message.to] as [string, string]];
  return {
    id: message.id,
    to: message.to,
    subject: message.subject,
    body: message.body,
    channel: message.channel,
    status: message.status,
    attempts: message.attempts,
    lastError: summarizeDeliveryError(message.lastError)?.summary ?? null,
    createdAt: message.createdAt,
    sentAt: message.sentAt,
    stepKey: message.stepKey,
    enrollmentId: message.enrollment.id,
    contact: message.enrollment.contact,
    sequence: message.enrollment.sequence,
    version: { id: version.id, number: version.number },
    step: index >= 0 ? { index, step: steps[index]! } : null,
    headers: headers.map(([name, value]) => ({ name, value })),
    transport: transportNameFor(message.channel),
    deliveryAttempts: attempts,
    nextAttemptAt: message.status === "queued" ? message.nextAttemptAt : null,
  };
}
