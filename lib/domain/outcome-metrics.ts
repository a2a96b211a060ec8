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
  "clicked", // every click that is not flagged as a machine click
  "clicked_unique", // the first human click on a message
  "clicked_machine", // clicks flagged as machine clicks (link scanners; excluded from rates)
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

/**
 * The rates shown next to the counts, each with its denominator (the UI prints both). Machine
 * opens and clicks are never in a numerator. Replies, unsubscribes and bounces count for the
 * version and step of the last message the contact was sent before responding.
 */
export const RATE_DEFINITIONS = {
  delivery: { numerator: "delivered", denominator: "sent", label: "Delivered / sent" },
  open: { numerator: "opened_unique", denominator: "delivered", label: "Unique human opens / delivered" },
  click: { numerator: "clicked_unique", denominator: "delivered", label: "Unique human clicks / delivered" },
  reply: { numerator: "replied", denominator: "delivered", label: "Replies / delivered" },
  unsubscribe: { numerator: "unsubscribed", denominator: "delivered", label: "Unsubscribes / delivered" },
  bounce: { numerator: "bounced", denominator: "delivered", label: "Bounces / delivered" },
  completion: { numerator: "completed", denominator: "enrolled", label: "Completed / enrolled" },
  taskCompletion: { numerator: "task_completed", denominator: "task_created", label: "Tasks completed / created" },
} as const satisfies Record<string, { numerator: OutcomeMetric; denominator: OutcomeMetric; label: string }>;
export type RateName = keyof typeof RATE_DEFINITIONS;

/** Seconds after delivery within which an open or click is taken for a machine (prefetch, scanner). */
export const MACHINE_WINDOW_SECONDS = 10;

/** The machine-open rule as the UI states it next to the rates. */
export const MACHINE_RULE =
  `Opens and clicks within ${MACHINE_WINDOW_SECONDS} seconds of delivery, or from a known mail proxy or link ` +
  "scanner (Apple Mail Privacy Protection, Google and Yahoo image proxies, Outlook Safe Links, bots), are " +
  "flagged as machine opens and left out of the rates.";
