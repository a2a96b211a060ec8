// What the mailbox pages hand to their components (type-only; see lib/views/enrollments.ts).
import type { MessageChannel, MessageStatus } from "@/lib/domain/message-status";
import type { StepType } from "@/lib/domain/step-kinds";
import type { Step } from "@/lib/domain/steps";

/** A step as named in its pinned version: position and a short label (subject, SMS text, task title). */
export type MessageStepName = { index: number; type: StepType; label: string };

export type MessageListRow = {
  id: string;
  to: string;
  subject: string | null;
  body: string;
  channel: MessageChannel;
  status: MessageStatus;
  sequenceId: string;
  sequenceName: string;
  versionId: string;
  versionNumber: number;
  stepKey: string;
  /** Null when the pinned version has no step with this key (should not happen: versions are immutable). */
  step: MessageStepName | null;
  enrollmentId: string;
  contact: { id: string; email: string; name: string | null };
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
  /** A summary of the last transport error (lib/domain/delivery-error.ts), never its raw text. */
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  stepKey: string;
  enrollmentId: string;
  contact: { id: string; email: string; firstName: string | null; lastName: string | null };
  sequence: { id: string; name: string };
  version: { id: string; number: number };
  step: { index: number; step: Step } | null;
  /** The headers the transport sent (email) or would send; SMS has none. */
  headers: { name: string; value: string }[];
  /** "outbox" (recorded, not sent anywhere) or "smtp": what this deployment sends the channel through. */
  transport: string;
  /** Every attempt in order: failed ones (with a safe summary) and the successful one. */
  deliveryAttempts: DeliveryAttemptRow[];
  nextAttemptAt: Date | null;
};

export type DeliveryAttemptRow = {
  attempt: number;
  at: Date | null;
  outcome: "sent" | "retrying" | "failed";
  /** A summary from lib/domain/delivery-error.ts, never the transport's raw text. */
  error: string | null;
};
