import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";

export const apiEnrollmentInclude = {
  contact: { select: { email: true } },
  sequenceVersion: { select: { number: true } },
} satisfies Prisma.EnrollmentInclude;

type Row = Prisma.EnrollmentGetPayload<{ include: typeof apiEnrollmentInclude }>;

export function apiEnrollment(row: Row) {
  return {
    id: row.id,
    contactId: row.contactId,
    email: row.contact.email,
    sequenceId: row.sequenceId,
    versionId: row.sequenceVersionId,
    versionNumber: row.sequenceVersion.number,
    status: row.status,
    currentStepKey: row.currentStepKey,
    currentStepIndex: row.currentStepIndex,
    nextRunAt: row.nextRunAt,
    enrolledAt: row.enrolledAt,
    exitReason: row.exitReason,
    finishedAt: row.finishedAt,
  };
}
