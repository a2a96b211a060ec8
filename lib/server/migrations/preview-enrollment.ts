import "server-only";
import { canonicalJson } from "@/lib/domain/canonical-hash";
import { planMove, stepsRunAgain, type MovePlan, type StepMap } from "@/lib/domain/migration-plan";
import { expectedRunTimes } from "@/lib/domain/schedule";
import type { Step } from "@/lib/domain/steps";
import { db } from "../db";
import { DomainError } from "../errors";
import { assertValidStepMap, loadMigrationVersions } from "./migration-rows";

export type TimelineRow = { index: number; key: string; step: Step; at: Date; change: "same" | "modified" | "added"; rerun: boolean };

export type EnrollmentPreview = {
  enrollment: { id: string; email: string; name: string; status: string; stepIndex: number; stepKey: string | null; nextRunAt: Date | null };
  /** Dates count from this instant: the enrollment's next run, or now while it waits on a task. */
  startAt: Date;
  waitingOnTask: boolean;
  stay: TimelineRow[];
  landing: MovePlan;
  move: TimelineRow[];
};

export type PreviewCandidate = { id: string; email: string; stepIndex: number; stepKey: string | null; nextRunAt: Date | null; status: string };

/** A few in-flight enrollments on A to pick from, optionally at one step, for the side-by-side preview. */
export async function listPreviewCandidates(options: { sequenceId: string; fromVersionId: string; stepIndex?: number; email?: string; limit?: number }): Promise<PreviewCandidate[]> {
  const rows = await db().$queryRaw<{ id: string; email: string; step_index: number; step_key: string | null; next_run_at: Date | null; status: string }[]>`
    SELECT e.id, c.email, e.current_step_index AS step_index, e.current_step_key AS step_key, e.next_run_at, e.status::text AS status
    FROM enrollments e JOIN contacts c ON c.id = e.contact_id
    WHERE e.sequence_id = ${options.sequenceId}::uuid AND e.sequence_version_id = ${options.fromVersionId}::uuid
      AND e.status IN ('active', 'paused')
      AND (${options.stepIndex ?? null}::int IS NULL OR e.current_step_index = ${options.stepIndex ?? null}::int)
      AND (${options.email ?? null}::text IS NULL OR c.email LIKE ${`%${(options.email ?? "").toLowerCase().replace(/[\\%_]/g, "\\$&")}%`})
    ORDER BY e.next_run_at NULLS LAST, e.id
    LIMIT ${options.limit ?? 10}`;
  return rows.map((r) => ({ id: r.id, email: r.email, stepIndex: r.step_index, stepKey: r.step_key, nextRunAt: r.next_run_at, status: r.status }));
}

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
    select: { id: true, status: true, currentStepIndex: true, currentStepKey: true, nextRunAt: true, sequenceVersionId: true, contact: { select: { email: true, firstName: true, lastName: true } } },
  });
  if (!row) throw new DomainError("That enrollment is not in this sequence.", "not_found");
  if (row.sequenceVersionId !== versions.from.id) throw new DomainError(`That enrollment is not on v${versions.from.number}.`, "conflict");

  const now = options.now ?? new Date();
  const waitingOnTask = row.nextRunAt === null && (row.status === "active" || row.status === "paused");
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
      const change = !compare ? "same" : before === undefined ? "added" : before === canonicalJson(step) ? "same" : "modified";
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
