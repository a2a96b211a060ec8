// A sequence's lifecycle: a draft until its first publish, active while it has a published
// version, archived when it takes no more edits or enrollments (its contacts still finish).
export const SEQUENCE_STATUSES = ["draft", "active", "archived"] as const;
export type SequenceStatus = (typeof SEQUENCE_STATUSES)[number];
