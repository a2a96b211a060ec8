// Plain words for timeline rows; unknown types (added later) fall back to their raw name.
export const EVENT_LABELS: Record<string, string> = {
  enrolled: "Enrolled",
  step_executed: "Step executed",
  message_sent: "Message sent",
  message_failed: "Message failed",
  task_created: "Task created",
  task_completed: "Task completed",
  waited: "Waiting",
  paused: "Paused",
  resumed: "Resumed",
  replied: "Reply recorded",
  unsubscribed: "Unsubscribed",
  exited: "Exited",
  completed: "Completed",
  failed: "Failed",
  migrated: "Moved to another version",
  migration_undone: "Migration undone",
  step_skipped: "Step skipped",
};

export const EXIT_REASONS: Record<string, string> = {
  unenrolled: "Unenrolled by an operator",
  replied: "The contact replied",
  unsubscribed: "The contact unsubscribed",
  migration: "Ended by a version migration",
  missing_channel: "The contact has no address for this step's channel",
};

export function exitReasonText(reason: string | null): string | null {
  if (!reason) return null;
  return EXIT_REASONS[reason] ?? reason;
}
