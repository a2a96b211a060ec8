import "server-only";
import { canonicalJson } from "@/lib/domain/canonical-hash";
import { isInFlight } from "@/lib/domain/enrollment-status";
import { planMove, stepsRunAgain, type MovePlan, type StepMap } from "@/lib/domain/migration-plan";
import { expectedRunTimes } from "@/lib/domain/schedule";
import type { Step } from "@/lib/domain/steps";
import { db } from "../db";
import { DomainError } from "../errors";
import { assertValidStepMap, loadMigrationVersions } from "./migration-rows";

export type TimelineRow = {
  index: number;
  key: string;
  step: Step;
  at: Date;
  change: "same" | "modified" | "added";
  rerun: boolean;
};

export type EnrollmentPreview = {
  enrollment: {
    id: string;
    email: string;
    name: string;
    status: string;
    stepIndex: number;
    stepKey: string | null;
    nextRunAt: Date | null;
  };
  /** Dates count from this instant: the enrollment's next run, or now while it waits on a task. */
  startAt: Date;
  waitingOnTask: boolean;
  stay: TimelineRow[];
  landing: MovePlan;
  move: TimelineRow[];
};

/** One enrollment's remaining timeline if it stays on A, next to the one it would get on B. */
export async function previewEnrollment(options: {
  sequenceId: string;
  enrollmentId: string;
  fromVersionId: string;
  toVersionId: string;
  stepMap: StepMap;
  now?: Date;
}): Promise<EnrollmentPreview> {
  const versions = await loadMigrationVersions(db(), options);
  assertValidStepMap(versions, options.stepMap);
  const row = await db().enrollment.findFirst({
    where: { id: options.enrollmentId, sequenceId: options.sequenceId },
    select: {
      id: true,
      status: true,
      currentStepIndex: true,
      currentStepKey: true,
      nextRunAt: true,
      sequenceVersionId: true,
      contact: { select: { email: true, firstName: true, lastName: true } },
    },
  });
  if (!row) throw new DomainError("That enrollment is not in this sequence.", "not_found");
  if (row.sequenceVersionId !== versions.from.id)
    throw new DomainError(`That enrollment is not on v${versions.from.number}.`, "conflict");

  const now = options.now ?? new Date();
  const waitingOnTask = row.nextRunAt === null && isInFlight(row.status);
  const startAt = row.nextRunAt ?? now;
  const position = { stepIndex: row.currentStepIndex, stepKey: row.currentStepKey };
  const landing = planMove(versions.from.steps, versions.to.steps, options.stepMap, position);
  const rerun = new Set(stepsRunAgain(versions.from.steps, versions.to.steps, position, landing));
  const fromByKey = new Map(versions.from.steps.map((s) => [s.key, canonicalJson(s)]));

  const timeline = (steps: readonly Step[], fromIndex: number, compare: boolean): TimelineRow[] =>
    expectedRunTimes(steps, fromIndex, startAt).flatMap((run) => {
      const step = steps[run.index];
      if (!step) return [];
      const before = fromByKey.get(step.key);
      const change = !compare
        ? "same"
        : before === undefined
          ? "added"
          : before === canonicalJson(step)
            ? "same"
            : "modified";
      return [{ index: run.index, key: run.key, step, at: run.at, change, rerun: compare && rerun.has(step.key) }];
    });

  return {
    enrollment: {
      id: row.id,
      email: row.contact.email,
      name: [row.contact.firstName, row.contact.lastName].filter(Boolean).join(" "),
      status: row.status,
      stepIndex: row.currentStepIndex,
      stepKey: row.currentStepKey,
      nextRunAt: row.nextRunAt,
    },
    startAt,
    waitingOnTask,
    stay: timeline(versions.from.steps, row.currentStepIndex, false),
    landing,
    move: landing.kind === "move" ? timeline(versions.to.steps, landing.toIndex, true) : [],
  };
}
