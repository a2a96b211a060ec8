// What the sequence pages hand to their components (type-only; see lib/views/enrollments.ts).
import type { DraftContent } from "@/lib/domain/draft";
import type { SequenceStatus } from "@/lib/domain/sequence-status";
import type { VersionContent } from "@/lib/domain/steps";

/** A sequence as filters and the enroll dialog offer it (only published sequences can have enrollments). */
export type SequenceOption = { id: string; name: string; status: SequenceStatus; activeVersionNumber: number | null };

export type SequenceListRow = {
  id: string;
  name: string;
  status: SequenceStatus;
  activeVersionNumber: number | null;
  activeEnrollments: number;
  lastPublishedAt: Date | null;
  lastPublishedBy: string | null;
  stepCount: number;
  updatedAt: Date;
};

/** The editor's view: draft, revision, who saved last, and the active version for comparison. */
export type SequenceForEditor = {
  id: string;
  name: string;
  description: string;
  status: SequenceStatus;
  draft: DraftContent;
  revision: number;
  draftSavedAt: Date | null;
  draftSavedBy: string | null;
  activeVersion: { id: string; number: number; contentHash: string; content: VersionContent } | null;
};

export type VersionListRow = {
  id: string;
  number: number;
  note: string;
  contentHash: string;
  publishedAt: Date;
  publishedBy: string | null;
  activeEnrollments: number;
  totalEnrollments: number;
};
