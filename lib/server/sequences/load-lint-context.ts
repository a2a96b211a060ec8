import "server-only";
import { IN_FLIGHT_STATUSES } from "@/lib/domain/enrollment-status";
import { fieldsNeedingStats, SENDER_MERGE_FIELDS, tagsOf } from "@/lib/domain/lint/merge-fields";
import type { AudienceStats, LintContext } from "@/lib/domain/lint/types";
import { CONTACT_MERGE_FIELDS, type Step } from "@/lib/domain/steps";
import type { Tx } from "../db";

/**
 * The emptiness figures are computed over at most this many audience contacts (any of them, no
 * ordering: a sample), so a publish costs the same with a thousand contacts or ten million.
 */
export const AUDIENCE_SAMPLE = 10_000;

type Reader = Pick<Tx, "$queryRaw">;

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
  tx: Reader,
  options: { sequenceId: string; steps: readonly Step[] },
): Promise<LintContext> {
  // Raw, not findUnique: Prisma batches concurrent findUnique calls into an `in` query, which a
  // boolean primary key does not support (fifty publishes at once hit exactly that).
  const [settings] = await tx.$queryRaw<{ postal_address: string }[]>`
    SELECT postal_address FROM organization_settings WHERE id`;
  // Only the custom names the content uses are looked up (one query; EXISTS stops at the first
  // contact that has the key), never the whole set of keys across every contact.
  const standard = new Set<string>([...CONTACT_MERGE_FIELDS, ...SENDER_MERGE_FIELDS]);
  const custom = [...new Set(options.steps.flatMap((step) => [...tagsOf(step).keys()]))].filter(
    (n) => !standard.has(n),
  );
  const keys =
    custom.length === 0
      ? []
      : await tx.$queryRaw<{ key: string }[]>`
          SELECT k.key FROM unnest(${custom}::text[]) AS k(key)
          WHERE EXISTS (SELECT 1 FROM contacts c WHERE jsonb_typeof(c.attributes) = 'object' AND c.attributes ? k.key)`;
  const attributeKeys = keys.map((k) => k.key);
  return {
    postalAddress: settings?.postal_address ?? "",
    attributeKeys,
    audience: await audienceStats(tx, options.sequenceId, fieldsNeedingStats(options.steps)),
  };
}

/** One aggregate query: for each field, how many audience contacts have no value. */
async function audienceStats(tx: Reader, sequenceId: string, fields: string[]): Promise<AudienceStats | null> {
  if (fields.length === 0) return null;
  const rows = await tx.$queryRaw<{ key: string; total: bigint; empty: bigint; in_flight: boolean }[]>`
    -- At most one in-flight enrollment per contact and sequence (unique index
    -- enrollments_one_in_flight), so in-flight enrollments are distinct contacts: the sample is
    -- taken from the enrollments first, with no DISTINCT over every in-flight contact.
    WITH in_flight AS (
      SELECT e.contact_id FROM enrollments e
      WHERE e.sequence_id = ${sequenceId}::uuid AND e.status = ANY(${[...IN_FLIGHT_STATUSES]}::"EnrollmentStatus"[])
      LIMIT ${AUDIENCE_SAMPLE}
    ), scope AS (SELECT EXISTS (SELECT 1 FROM in_flight) AS in_flight),
    audience AS (
      SELECT c.first_name, c.last_name, c.phone, c.attributes FROM in_flight i JOIN contacts c ON c.id = i.contact_id
      UNION ALL
      (SELECT c.first_name, c.last_name, c.phone, c.attributes FROM contacts c
       WHERE NOT (SELECT in_flight FROM scope) AND c.unsubscribed_at IS NULL
       LIMIT ${AUDIENCE_SAMPLE})
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
  const sampled = total >= AUDIENCE_SAMPLE;
  const contacts = `${total} contact${total === 1 ? "" : "s"}`;
  return {
    total,
    empty: Object.fromEntries(rows.map((r) => [r.key, Number(r.empty)])),
    description: inFlight
      ? sampled
        ? `a sample of ${contacts} in flight in this sequence`
        : `the ${contacts} in flight in this sequence`
      : sampled
        ? `a sample of ${total} subscribed contacts (nobody is in flight yet)`
        : `all ${total} subscribed contact${total === 1 ? "" : "s"} (nobody is in flight yet)`,
  };
}
