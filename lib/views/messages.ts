// What the mailbox pages hand to their components (type-only; see lib/views/enrollments.ts).
import type { MessageChannel, MessageStatus } from "@/lib/domain/message-status";
import type { Step } from "@/lib/domain/steps";

export type MessageListRow = {
  id: string;
  to: string;
  subject: string | null;
  body: string;
  channel: MessageChannel;
  status: MessageStatus;
  sequenceId: string;
  sequenceName: string;
  versionNumber: number;
  stepKey: string;
  enrollmentId: string;
  createdAt: Date;
  sentAt: Date | null;
  /** For a queued message: how long it has been waiting, in seconds (database clock). */
  queuedSeconds: number | null;
};

/** One rendered message with where it came from: sequence, pinned version and the step that produced it. */
export type MessageDetail = {
  id: string;
  to: string;
  subject: string | null;
  body: string;
  channel: MessageChannel;
  status: MessageStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  stepKey: string;
  enrollmentId: string;
  contact: { id: string; email: string; firstName: string | null; lastName: string | null };
  sequence: { id: string; name: string };
  version: { id: string; number: number };
  step: { index: number; step: Step } | null;
};
