import type { RateName } from "@/lib/domain/outcome-metrics";
import type { Step } from "@/lib/domain/steps";

// What the outcome pages show (lib/server/outcomes builds it from outcome_counts).

export type Rate = { numerator: number; denominator: number; value: number | null };

export type StepOutcomeView = {
  key: string;
  index: number;
  step: Step;
  counts: Record<string, number>;
  rates: Record<RateName, Rate>;
};

export type VersionOutcomeView = {
  versionId: string;
  number: number;
  publishedAt: Date;
  isActive: boolean;
  /**
   * Live: enrollments on this version now active or paused. Null when the caller did not ask for
   * it (the compare page shows no in-flight figure, and the count grows with the sequence).
   */
  inFlight: number | null;
  /** Enrollment-level and summed per-step counters by metric name. */
  counts: Record<string, number>;
  exitedByReason: { reason: string; count: number }[];
  rates: Record<RateName, Rate>;
  steps: StepOutcomeView[];
};

export type SequenceOutcomesView = {
  sequenceId: string;
  versions: VersionOutcomeView[];
};

export type OutcomeSeriesPoint = {
  day: string;
  versionId: string;
  versionNumber: number;
  metric: string;
  count: number;
};
