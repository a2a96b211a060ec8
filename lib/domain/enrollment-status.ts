// The one definition of an enrollment's statuses and of "in flight" / "finished". SQL gets the
// same lists as parameters (`= ANY(${IN_FLIGHT_STATUSES})`), so no query spells them by hand.
export const ENROLLMENT_STATUSES = ["active", "paused", "completed", "exited", "failed"] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];

/** Still walking its pinned version: the runner may advance it, an operator may migrate it. */
export const IN_FLIGHT_STATUSES = ["active", "paused"] as const satisfies readonly EnrollmentStatus[];
export type InFlightStatus = (typeof IN_FLIGHT_STATUSES)[number];

/** Terminal: nothing will ever run for it again. */
export const FINISHED_STATUSES = ["completed", "exited", "failed"] as const satisfies readonly EnrollmentStatus[];
export type FinishedStatus = (typeof FINISHED_STATUSES)[number];

export function isEnrollmentStatus(value: string): value is EnrollmentStatus {
  return (ENROLLMENT_STATUSES as readonly string[]).includes(value);
}

export function isInFlight(status: EnrollmentStatus): status is InFlightStatus {
  return (IN_FLIGHT_STATUSES as readonly EnrollmentStatus[]).includes(status);
}

export function isFinished(status: EnrollmentStatus): status is FinishedStatus {
  return (FINISHED_STATUSES as readonly EnrollmentStatus[]).includes(status);
}
