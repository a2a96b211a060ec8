import "server-only";
import { IN_FLIGHT_STATUSES, type EnrollmentStatus } from "@/lib/domain/enrollment-status";
import { db } from "../db";

export type PreviewCandidate = {
  id: string;
  email: string;
  stepIndex: number;
  stepKey: string | null;
  nextRunAt: Date | null;
  status: EnrollmentStatus;
};

/** A few in-flight enrollments on A to pick from, optionally at one step, for the side-by-side preview. */
export async function listPreviewCandidates(options: {
  sequenceId: string;
  fromVersionId: string;
  stepIndex?: number;
  email?: string;
  limit?: number;
}): Promise<PreviewCandidate[]> {
  const rows = await db().$queryRaw<
    {
      id: string;
      email: string;
      step_index: number;
      step_key: string | null;
      next_run_at: Date | null;
      status: EnrollmentStatus;
    }[]
  >`
    SELECT e.id, c.email, e.current_step_index AS step_index, e.current_step_key AS step_key, e.next_run_at, e.status::text AS status
    FROM enrollments e JOIN contacts c ON c.id = e.contact_id
    WHERE e.sequence_id = ${options.sequenceId}::uuid AND e.sequence_version_id = ${options.fromVersionId}::uuid
      AND e.status = ANY(${[...IN_FLIGHT_STATUSES]}::"EnrollmentStatus"[])
      AND (${options.stepIndex ?? null}::int IS NULL OR e.current_step_index = ${options.stepIndex ?? null}::int)
      AND (${options.email ?? null}::text IS NULL OR c.email LIKE ${`%${(options.email ?? "").toLowerCase().replace(/[\\%_]/g, "\\$&")}%`})
    ORDER BY e.next_run_at NULLS LAST, e.id
    LIMIT ${options.limit ?? 10}`;
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    stepIndex: r.step_index,
    stepKey: r.step_key,
    nextRunAt: r.next_run_at,
    status: r.status,
  }));
}
