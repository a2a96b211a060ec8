import "server-only";
import type { EnrollmentStatus } from "@/lib/domain/enrollment-status";
import { db } from "../../db";
import { apiEnrollment, apiEnrollmentInclude } from "./enrollment-shape";

/** Newest first (uuidv7 ids); the cursor is the last id of the page. Uses the (sequence, version, status) index. */
export async function listApiEnrollments(options: {
  sequenceId?: string;
  versionId?: string;
  status?: EnrollmentStatus;
  cursor?: string;
  limit: number;
}) {
  const rows = await db().enrollment.findMany({
    where: {
      sequenceId: options.sequenceId,
      sequenceVersionId: options.versionId,
      status: options.status,
      ...(options.cursor ? { id: { lt: options.cursor } } : {}),
    },
    include: apiEnrollmentInclude,
    orderBy: { id: "desc" },
    take: options.limit + 1,
  });
  const page = rows.slice(0, options.limit);
  return {
    data: page.map(apiEnrollment),
    nextCursor: rows.length > options.limit ? (page[page.length - 1]?.id ?? null) : null,
  };
}
