import { z } from "zod";
import type { LintFinding } from "./types";

/** What happens to contacts already in flight when a version is published. */
export const IN_FLIGHT_CHOICES = ["keep", "apply-content-fix", "wizard"] as const;
export type InFlightChoice = (typeof IN_FLIGHT_CHOICES)[number];
export const inFlightChoiceSchema = z.enum(IN_FLIGHT_CHOICES);

/**
 * Stored with the version (sequence_versions.publish_record, insert-only): every guardrail
 * finding at publish time, which warnings were acknowledged and how ("dialog": ticked by the
 * publisher; "caller": a caller without a dialog, the API or a script, published knowing them),
 * the audience the emptiness figures were computed over, and the in-flight choice.
 */
export type PublishRecord = {
  findings: LintFinding[];
  acknowledgedWarnings: string[];
  acknowledgement: "dialog" | "caller";
  audience: string | null;
  inFlight: InFlightChoice;
};

const findingSchema = z.object({
  id: z.string(),
  rule: z.string(),
  severity: z.enum(["error", "warning"]),
  stepKey: z.string().optional(),
  message: z.string(),
});

export const publishRecordSchema = z.object({
  findings: z.array(findingSchema),
  acknowledgedWarnings: z.array(z.string()),
  acknowledgement: z.enum(["dialog", "caller"]),
  audience: z.string().nullable(),
  inFlight: inFlightChoiceSchema,
});

export function readPublishRecord(json: unknown): PublishRecord | null {
  const parsed = publishRecordSchema.safeParse(json);
  return parsed.success ? (parsed.data as PublishRecord) : null;
}
