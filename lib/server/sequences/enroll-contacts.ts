import "server-only";
import { insertEnrollments } from "@/lib/store/enroll";
import { prismaSql } from "@/lib/store/sql";
import { writeAudit } from "../audit";
import { db } from "../db";
import { DomainError } from "../errors";
import { parseVersionContent } from "./sequence-rows";

export const ENROLL_CHUNK = 5_000;

export type EnrollResult = {
  requested: number;
  enrolled: number;
  skipped: { notFound: number; unsubscribed: number; alreadyEnrolled: number; duplicate: number };
  versionId: string;
  versionNumber: number;
};

/**
 * Enrolls many contacts in one transaction, pinning every enrollment to the version that is
 * active right now. Set-based: the store's one INSERT ... SELECT per chunk of ENROLL_CHUNK contacts
 * writes the enrollments and their `enrolled` timeline rows; the partial unique index skips contacts
 * already in flight. The sequence row is share-locked so a concurrent publish cannot change the
 * active version halfway through.
 */
export async function enrollContacts(options: {
  actorId: string;
  sequenceId: string;
  contactIds: string[];
  now?: Date;
  onProgress?: (done: number, total: number) => void;
}): Promise<EnrollResult> {
  const now = options.now ?? new Date();
  return db().$transaction(
    async (tx) => {
      const rows = await tx.$queryRaw<{ name: string; status: string; active_version_id: string | null }[]>`
        SELECT name, status::text AS status, active_version_id FROM sequences WHERE id = ${options.sequenceId}::uuid FOR SHARE`;
      const sequence = rows[0];
      if (!sequence) throw new DomainError("That sequence does not exist.", "not_found");
      if (sequence.status === "archived")
        throw new DomainError(`"${sequence.name}" is archived: it takes no new enrollments.`, "conflict");
      if (!sequence.active_version_id)
        throw new DomainError(
          `"${sequence.name}" has never been published: publish a version before enrolling contacts.`,
          "conflict",
        );
      const version = await tx.sequenceVersion.findUniqueOrThrow({
        where: { id: sequence.active_version_id },
        select: { id: true, number: true, content: true },
      });
      const firstKey = parseVersionContent(version.content).steps[0]?.key ?? null;

      const sql = prismaSql(tx);
      const distinctIds = [...new Set(options.contactIds)];
      const totals = { found: 0, unsubscribed: 0, enrolled: 0 };
      for (let start = 0; start < distinctIds.length; start += ENROLL_CHUNK) {
        const chunk = distinctIds.slice(start, start + ENROLL_CHUNK);
        const counts = await insertEnrollments(sql, {
          sequenceId: options.sequenceId,
          versionId: version.id,
          firstStepKey: firstKey,
          contactIds: chunk,
          actorId: options.actorId,
          now,
        });
        totals.found += counts.found;
        totals.unsubscribed += counts.unsubscribed;
        totals.enrolled += counts.enrolled;
        options.onProgress?.(Math.min(start + ENROLL_CHUNK, distinctIds.length), distinctIds.length);
      }

      const result: EnrollResult = {
        requested: options.contactIds.length,
        enrolled: totals.enrolled,
        skipped: {
          duplicate: options.contactIds.length - distinctIds.length,
          notFound: distinctIds.length - totals.found,
          unsubscribed: totals.unsubscribed,
          alreadyEnrolled: totals.found - totals.unsubscribed - totals.enrolled,
        },
        versionId: version.id,
        versionNumber: version.number,
      };
      await writeAudit(tx, {
        actorId: options.actorId,
        action: "sequence.enroll",
        entityType: "sequence",
        entityId: options.sequenceId,
        summary: `Enrolled ${result.enrolled} of ${result.requested} contact(s) in "${sequence.name}" on v${version.number}`,
        detail: { ...result },
      });
      return result;
    },
    { timeout: 600_000, maxWait: 30_000 },
  );
}
