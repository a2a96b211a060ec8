// What the dashboard home page hands to its components (type-only; see lib/views/enrollments.ts).

export type DashboardVersionCount = { versionId: string; number: number; inFlight: number };

export type ActiveSequenceRow = {
  id: string;
  name: string;
  activeVersionNumber: number | null;
  /** In-flight (active or paused) enrollments, all versions. */
  inFlight: number;
  /** Only versions with contacts in flight, newest first. */
  byVersion: DashboardVersionCount[];
};

/** Active enrollments whose next step is an email or SMS and whose next run is before `until` (overdue included). */
/** `ageMs`: 0 when counted for this request; up to 30 s when a large count is reused. */
export type DueMessages = { total: number; email: number; sms: number; until: Date; ageMs: number };

/** `overdueForUser`: overdue and assigned to the signed-in user (the dashboard links to them). */
export type OpenTaskCounts = { open: number; overdue: number; overdueForUser: number };

export type RecentFailures = { since: Date; messages: number; enrollments: number };

export type RecentChange =
  | {
      kind: "publish";
      at: Date;
      sequenceId: string;
      sequenceName: string;
      versionNumber: number;
      note: string;
      author: string | null;
    }
  | {
      kind: "migration";
      at: Date;
      id: string;
      sequenceId: string;
      sequenceName: string;
      fromNumber: number;
      toNumber: number;
      status: string;
      moved: number;
      author: string | null;
    };

/** One day of one version: sums of the `sent` and `replied` outcome counters (UTC days). */
export type OutcomeSeriesPoint = {
  day: string;
  versionId: string;
  versionNumber: number;
  sent: number;
  replied: number;
};

/** Where a publish lands on the time axis of a chart. */
export type PublishMarker = { versionId: string; versionNumber: number; day: string; at: Date };

export type OutcomeSeries = { points: OutcomeSeriesPoint[]; publishes: PublishMarker[]; from: string; to: string };

/** A per-version funnel stage: its count and, for a rate, the stage (metric) it is divided by. */
export type FunnelStage = { metric: string; label: string; count: number; rateOf: string | null };
export type VersionFunnel = { versionId: string; versionNumber: number; stages: FunnelStage[] };
