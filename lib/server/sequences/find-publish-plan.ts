import "server-only";
import { classifyChange, type ChangeClass, type StepChange } from "@/lib/domain/change-class";
import { canonicalJson } from "@/lib/domain/canonical-json";
import { IN_FLIGHT_STATUSES } from "@/lib/domain/enrollment-status";
import { lintVersion } from "@/lib/domain/lint/lint-version";
import type { LintFinding } from "@/lib/domain/lint/types";
import { validateDraft } from "@/lib/domain/validate-draft";
import { diffSteps } from "@/lib/domain/version-diff";
import { db } from "../db";
import { DomainError } from "../errors";
import { changeBetween } from "./apply-content-fix";
import { loadLintContext } from "./load-lint-context";
import { parseVersionContent } from "./sequence-rows";

export type PublishPlan = {
  /** The saved draft revision this plan was computed from. */
  revision: number;
  /** Null while the draft does not validate (the dialog shows those errors instead). */
  lint: { findings: LintFinding[]; audience: string | null } | null;
  /** Null on a first publish. */
  active: { number: number; change: ChangeClass; steps: StepChange[] } | null;
  /** The number the publish would get. */
  nextNumber: number;
  /** Versions with contacts in flight, and whether the draft differs from each by content only. */
  inFlight: { number: number; total: number; change: ChangeClass }[];
};

/**
 * What the publish dialog needs besides the diff: the guardrails over the saved draft (same
 * rules and context as the publish itself) and, per version with contacts in flight, what kind
 * of change the draft is, so the dialog can offer the content-only fix only when it is one.
 */
export async function findPublishPlan(sequenceId: string): Promise<PublishPlan> {
  return db().$transaction(async (tx) => {
    const sequence = await tx.sequence.findUnique({
      where: { id: sequenceId },
      select: { draft: true, draftRevision: true, activeVersionId: true },
    });
    if (!sequence) throw new DomainError("That sequence does not exist (it may have been removed).", "not_found");
    const validation = validateDraft(sequence.draft);
    const lint = validation.ok
      ? await (async () => {
          const context = await loadLintContext(tx, { sequenceId, steps: validation.content.steps });
          return {
            findings: lintVersion(validation.content, context),
            audience: context.audience?.description ?? null,
          };
        })()
      : null;
    const counts = await tx.$queryRaw<{ id: string; number: number; content: unknown; total: bigint }[]>`
      SELECT v.id, v.number, v.content, count(*) AS total
      FROM enrollments e JOIN sequence_versions v ON v.id = e.sequence_version_id
      WHERE e.sequence_id = ${sequenceId}::uuid AND e.status = ANY(${[...IN_FLIGHT_STATUSES]}::"EnrollmentStatus"[])
      GROUP BY v.id, v.number, v.content ORDER BY v.number DESC`;
    const activeRow = sequence.activeVersionId
      ? await tx.sequenceVersion.findUnique({
          where: { id: sequence.activeVersionId },
          select: { number: true, content: true },
        })
      : null;
    const active =
      activeRow && validation.ok
        ? (() => {
            const from = parseVersionContent(activeRow.content);
            const settingsChanged = canonicalJson(from.settings) !== canonicalJson(validation.content.settings);
            const c = classifyChange(diffSteps(from.steps, validation.content.steps), { settingsChanged });
            return { number: activeRow.number, change: c.overall, steps: c.steps };
          })()
        : null;
    const last = await tx.sequenceVersion.findFirst({
      where: { sequenceId },
      orderBy: { number: "desc" },
      select: { number: true },
    });
    return {
      revision: sequence.draftRevision,
      nextNumber: (last?.number ?? 0) + 1,
      lint,
      active,
      inFlight: counts.map((row) => ({
        number: row.number,
        total: Number(row.total),
        change: validation.ok ? changeBetween(parseVersionContent(row.content), validation.content) : "structural",
      })),
    };
  });
}
