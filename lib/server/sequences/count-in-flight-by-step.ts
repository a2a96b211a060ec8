import "server-only";
import { IN_FLIGHT_STATUSES } from "@/lib/domain/enrollment-status";
import { db } from "../db";

/** In-flight impact for the publish dialog: who is on which version and step (they all stay there). */
export async function countInFlightByStep(
  sequenceId: string,
): Promise<{ versionNumber: number; stepKey: string | null; stepIndex: number; count: number }[]> {
  const rows = await db().$queryRaw<{ number: number; step_key: string | null; step_index: number; count: bigint }[]>`
    SELECT v.number, e.current_step_key AS step_key, e.current_step_index AS step_index, count(*) AS count
    FROM enrollments e JOIN sequence_versions v ON v.id = e.sequence_version_id
    WHERE e.sequence_id = ${sequenceId}::uuid AND e.status = ANY(${[...IN_FLIGHT_STATUSES]}::"EnrollmentStatus"[])
    GROUP BY v.number, e.current_step_key, e.current_step_index
    ORDER BY v.number, e.current_step_index`;
  return rows.map((r) => ({
    versionNumber: r.number,
    stepKey: r.step_key,
    stepIndex: r.step_index,
    count: Number(r.count),
  }));
}
