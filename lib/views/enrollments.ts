// What the enrollment pages hand to their components. Type-only and outside lib/server, so
// client components can name these shapes without importing server code (ESLint enforces it);
// the read functions in lib/server/enrollment-views return exactly these types.
import type { EnrollmentStatus } from "@/lib/domain/enrollment-status";
import type { MessageChannel, MessageStatus } from "@/lib/domain/message-status";
import type { SequenceStatus } from "@/lib/domain/sequence-status";
import type { StepView } from "@/lib/domain/step-states";
import type { SequenceSettings, Step } from "@/lib/domain/steps";

export type EnrollmentListRow = {
  id: string;
  status: EnrollmentStatus;
  contactId: string;
  email: string;
  name: string;
  sequenceId: string;
  sequenceName: string;
  versionNumber: number;
  activeVersionNumber: number | null;
  currentStepIndex: number;
  currentStepKey: string | null;
  stepCount: number;
  nextRunAt: Date | null;
  enrolledAt: Date;
  exitReason: string | null;
  /** Messages of this enrollment still queued for delivery (a completed enrollment can still have some). */
  pendingMessages: number;
};

export type VersionCount = {
  versionId: string;
  number: number;
  isActive: boolean;
  active: number;
  paused: number;
  finished: number;
};

/** `ageMs`: 0 when counted for this request; up to 30 s for the largest sequences (reused counts). */
export type VersionCounts = { counts: VersionCount[]; ageMs: number };

export type TimelineEntry = {
  id: string;
  type: string;
  at: Date;
  stepKey: string | null;
  stepIndex: number | null;
  versionNumber: number | null;
  /** The step as the event's version defines it, when known. */
  step: Step | null;
  detail: Record<string, unknown>;
  message: { id: string; subject: string | null; body: string; channel: MessageChannel; status: MessageStatus } | null;
};

/** Where one step's message stands in delivery: shown next to the step on the enrollment page. */
export type MessageDelivery = {
  id: string;
  status: MessageStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  /** For a queued message: how long it has been waiting, in seconds. */
  queuedSeconds: number | null;
};

/** What the latest message of a step said, as rendered for this contact and stored in `messages`. */
export type RenderedMessage = {
  id: string;
  channel: MessageChannel;
  subject: string | null;
  body: string;
};

export type EnrollmentDetail = {
  id: string;
  status: EnrollmentStatus;
  exitReason: string | null;
  enrolledAt: Date;
  finishedAt: Date | null;
  nextRunAt: Date | null;
  currentStepIndex: number;
  contact: {
    id: string;
    email: string;
    firstName: string | null;
    lastName: string | null;
    phone: string | null;
    unsubscribedAt: Date | null;
    /** The contact's own IANA zone; null = the organisation's. */
    timeZone: string | null;
    /** Custom attributes (merge fields), for "will render for this contact as". */
    attributes: Record<string, unknown>;
  };
  sequence: { id: string; name: string; status: SequenceStatus };
  pinned: { id: string; number: number; publishedAt: Date; note: string; settings: SequenceSettings };
  active: { id: string; number: number } | null;
  versionsBehind: number;
  steps: StepView[];
  timeline: TimelineEntry[];
  timelineTruncated: boolean;
  openTask: { id: string; title: string; note: string; createdAt: Date } | null;
  /** The latest message of each step key of the pinned version. */
  deliveries: Record<string, MessageDelivery>;
  /** The latest message of each step key of the pinned version, as sent (not the template). */
  rendered: Record<string, RenderedMessage>;
  /** Messages still queued: "Completed, 1 message still being delivered". */
  pendingMessages: number;
};
