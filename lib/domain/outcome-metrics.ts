// The names of the outcome counters (table outcome_counts): one row per version, step, UTC day
// and metric. Enrollment-level metrics use the step key "" (ENROLLMENT_LEVEL).
export const ENROLLMENT_LEVEL = "";

export const OUTCOME_METRICS = [
  // enrollment level
  "enrolled",
  "completed",
  "exited", // every exit; the reason is counted again as `exited:<reason>`
  "failed",
  "migrated_in",
  "migrated_out",
  // per step
  "step_skipped",
  "sent", // a message was created for the contact (queued for delivery)
  "delivered", // the transport accepted it
  "delivery_failed",
  "opened", // every open that is not flagged as a machine open
  "opened_unique", // the first human open of a message
  "opened_machine", // opens flagged as machine opens (excluded from rates)
  "clicked",
  "clicked_unique", // the first click on a message
  "replied",
  "unsubscribed",
  "bounced",
  "task_created",
  "task_completed",
] as const;
export type OutcomeMetric = (typeof OUTCOME_METRICS)[number] | `exited:${string}`;

export function exitMetric(reason: string): OutcomeMetric {
  return `exited:${reason}`;
}
