// What the tasks page hands to its components (type-only; see lib/views/enrollments.ts).
import type { EnrollmentStatus } from "@/lib/domain/enrollment-status";

export type OpenTaskRow = {
  id: string;
  title: string;
  note: string;
  createdAt: Date;
  dueAt: Date | null;
  stepKey: string;
  enrollmentId: string;
  enrollmentStatus: EnrollmentStatus;
  contactId: string;
  email: string;
  name: string;
  sequenceId: string;
  sequenceName: string;
  versionNumber: number;
};
