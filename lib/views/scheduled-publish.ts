// What the sequence page hands to the schedule components (type-only).
import type { ScheduledPublishStatus } from "@/lib/domain/scheduled-publish";

export type ScheduledPublishView = {
  id: string;
  status: ScheduledPublishStatus;
  publishAt: Date;
  /** The zone the time was chosen in. */
  timeZone: string;
  note: string;
  reason: string | null;
  draftRevision: number;
  createdAt: Date;
  finishedAt: Date | null;
  createdBy: string;
  publishedVersion: number | null;
};
