import "server-only";
import { EXAMPLES_SHOWN, versionHashMatches, type IntegrityCheckResult } from "@/lib/domain/integrity";
import { db } from "../db";
import { INTEGRITY_BATCH, type IntegrityScope } from "./integrity-scope";

const NO_ID = "00000000-0000-0000-0000-000000000000";

/**
 * Recomputes every version's content hash and compares it to the stored one. Also returns the
 * version labels ("v2 of “Welcome”") the timeline check names versions with.
 */
export async function checkVersionHashes(
  scope: IntegrityScope,
): Promise<{ result: IntegrityCheckResult; labels: Map<string, string> }> {
  const labels = new Map<string, string>();
  const examples: IntegrityCheckResult["examples"] = [];
  let checked = 0;
  let failed = 0;
  let after = NO_ID;
  const sequenceIds = scope?.sequenceIds ?? null;
  for (;;) {
    const rows = await db().$queryRaw<
      { id: string; number: number; name: string; content: unknown; content_hash: string }[]
    >`
      SELECT v.id, v.number, s.name, v.content, v.content_hash
      FROM sequence_versions v JOIN sequences s ON s.id = v.sequence_id
      WHERE v.id > ${after}::uuid AND (${sequenceIds}::uuid[] IS NULL OR v.sequence_id = ANY(${sequenceIds}::uuid[]))
      ORDER BY v.id LIMIT ${INTEGRITY_BATCH}`;
    for (const row of rows) {
      checked += 1;
      labels.set(row.id, `v${row.number} of “${row.name}”`);
      if (!versionHashMatches(row.content, row.content_hash)) {
        failed += 1;
        if (examples.length < EXAMPLES_SHOWN)
          examples.push({
            id: row.id,
            problem: `v${row.number} of “${row.name}”: its content no longer hashes to the stored ${row.content_hash.slice(0, 12)}…`,
          });
      }
    }
    if (rows.length < INTEGRITY_BATCH) break;
    after = rows[rows.length - 1]!.id;
  }
  return {
    labels,
    result: {
      id: "version-hashes",
      title: "Every published version still has the content it was published with",
      status: failed === 0 ? "passed" : "failed",
      summary:
        failed === 0
          ? `All ${checked} versions hash to the content hash stored when they were published.`
          : `${failed} of ${checked} versions no longer hash to their stored content hash: their content was changed after publishing.`,
      checked,
      failed,
      examples,
    },
  };
}
