import "server-only";
import { z } from "zod";
import type { MessageDetail } from "@/lib/views/messages";
import { db } from "../db";
import { parseVersionContent } from "../sequences/sequence-rows";

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
    },
  });
  if (!message) return null;
  const version = await db().sequenceVersion.findUniqueOrThrow({
    where: { id: message.sequenceVersionId },
    select: { id: true, number: true, content: true },
  });
  const steps = parseVersionContent(version.content).steps;
  const index = steps.findIndex((s) => s.key === message.stepKey);
  return {
    id: message.id,
    to: message.to,
    subject: message.subject,
    body: message.body,
    channel: message.channel,
    status: message.status,
    attempts: message.attempts,
    lastError: message.lastError,
    createdAt: message.createdAt,
    sentAt: message.sentAt,
    stepKey: message.stepKey,
    enrollmentId: message.enrollment.id,
    contact: message.enrollment.contact,
    sequence: message.enrollment.sequence,
    version: { id: version.id, number: version.number },
    step: index >= 0 ? { index, step: steps[index]! } : null,
  };
}
