import "server-only";
import { IN_FLIGHT_STATUSES } from "@/lib/domain/enrollment-status";
import { fieldsNeedingStats } from "@/lib/domain/lint/merge-fields";
import type { AudienceStats, LintContext } from "@/lib/domain/lint/types";
import type { Step } from "@/lib/domain/steps";
import type { Tx } from "../db";

/** Enough distinct keys for any real CSV; a bound so a pathological table cannot flood the dialog. */
const MAX_ATTRIBUTE_KEYS = 1000;

/**
 * What the guardrails check content against: the organisation's postal address, the custom
 * attribute keys contacts have, and per-field emptiness over the audience.
 *
 * The audience is the contacts in flight in this sequence (they are the ones the new content can
 * reach soonest, and the only ones if the fix is applied to them); when nobody is in flight (a
 * first publish, or everyone finished) it is every subscribed contact, as the best guess at who
 * will be enrolled.
 */
export async function loadLintContext(
  tx: Tx,
  options: { sequenceId: string; steps: readonly Step[] },
): Promise<LintContext> {
  const settings = await tx.organizationSettings.findUnique({ where: { id: true }, select: { postalAddress: true } });
  const keys = await tx.$queryRaw<{ key: string }[]>`
    SELECT DISTINCT k.key FROM contacts c,
      jsonb_object_keys(CASE WHEN jsonb_typeof(c.attributes) = 'object' THEN c.attributes ELSE '{}'::jsonb END) AS k(key)
    LIMIT ${MAX_ATTRIBUTE_KEYS}`;
  const attributeKeys = keys.map((k) => k.key);
  return {
    postalAddress: settings?.postalAddress ?? "",
    attributeKeys,
    audience: await audienceStats(tx, options.sequenceId, fieldsNeedingStats(options.steps)),
  };
}

/** One aggregate query: for each field, how many audience contacts have no value. */
async function audienceStats(tx: Tx, sequenceId: string, fields: string[]): Promise<AudienceStats | null> {
  if (fields.length === 0) return null;
  const rows = await tx.$queryRaw<{ key: string; total: bigint; empty: bigint; in_flight: boolean }[]>`
    WITH in_flight AS (
      SELECT DISTINCT e.contact_id FROM enrollments e
      WHERE e.sequence_id = ${sequenceId}::uuid AND e.status = ANY(${[...IN_FLIGHT_STATUSES]}::"EnrollmentStatus"[])
    ), scope AS (SELECT EXISTS (SELECT 1 FROM in_flight) AS in_flight),
    audience AS (
      SELECT c.first_name, c.last_name, c.phone, c.attributes FROM contacts c, scope
      WHERE (scope.in_flight AND c.id IN (SELECT contact_id FROM in_flight))
         OR (NOT scope.in_flight AND c.unsubscribed_at IS NULL)
    )
    SELECT f.key, count(a.*) AS total, (SELECT in_flight FROM scope) AS in_flight,
      count(a.*) FILTER (WHERE btrim(coalesce(CASE f.key
        WHEN 'first_name' THEN a.first_name
        WHEN 'last_name' THEN a.last_name
        WHEN 'phone' THEN a.phone
        WHEN 'email' THEN 'x'
        ELSE a.attributes ->> f.key END, '')) = '') AS empty
    FROM unnest(${fields}::text[]) AS f(key) LEFT JOIN audience a ON true
    GROUP BY f.key`;
  const total = Number(rows[0]?.total ?? 0);
  const inFlight = rows[0]?.in_flight ?? false;
  return {
    total,
    empty: Object.fromEntries(rows.map((r) => [r.key, Number(r.empty)])),
    description: inFlight
      ? `the ${total} contact${total === 1 ? "" : "s"} in flight in this sequence`
      : `all ${total} subscribed contact${total === 1 ? "" : "s"} (nobody is in flight yet)`,
  };
}
