import "server-only";
import { db } from "../../db";
import { parseVersionContent } from "../../sequences/sequence-rows";
import { apiEnrollment, apiEnrollmentInclude } from "./enrollment-shape";

/** One enrollment with its pinned version's content and its whole timeline (oldest first). */
export async function findApiEnrollment(id: string) {
  const row = await db().enrollment.findUnique({ where: { id }, include: apiEnrollmentInclude });
  if (!row) return null;
  const [version, events] = await Promise.all([
    db().sequenceVersion.findUniqueOrThrow({
      where: { id: row.sequenceVersionId },
      select: { id: true, number: true, contentHash: true, content: true },
    }),
    db().enrollmentEvent.findMany({ where: { enrollmentId: id }, orderBy: [{ at: "asc" }, { id: "asc" }] }),
  ]);
  return {
    ...apiEnrollment(row),
    version: { ...version, content: parseVersionContent(version.content) },
    timeline: events.map((e) => ({
      id: e.id,
      type: e.type,
      at: e.at,
      versionId: e.sequenceVersionId,
      stepKey: e.stepKey,
      stepIndex: e.stepIndex,
      detail: (e.detail ?? {}) as Record<string, unknown>,
    })),
  };
}
