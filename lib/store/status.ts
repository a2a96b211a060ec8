import type { EnrollmentStatus } from "@/lib/domain/enrollment-machine";

/** Finished enrollments have `finished_at`; the store sets it when a state first becomes one. */
export const isFinished = (status: EnrollmentStatus): boolean => status === "completed" || status === "exited" || status === "failed";

/** In-flight statuses, as a bound parameter for queries outside the store (`status = ANY($n)`). */
export const IN_FLIGHT_STATUSES: readonly EnrollmentStatus[] = ["active", "paused"];
