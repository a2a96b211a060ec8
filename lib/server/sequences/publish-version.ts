import "server-only";
import { contentHash } from "@/lib/domain/canonical-hash";
import type { InFlightChoice, PublishRecord } from "@/lib/domain/lint/publish-record";
import { publishDecision, validateDraft } from "@/lib/domain/validate-draft";
import { writeAudit } from "../audit";
import { db, type Tx } from "../db";
import { DomainError } from "../errors";
import { evaluateReviewGate } from "../reviews/review-gate";
import { applyContentFix, changeBetween, type ContentFixResult } from "./apply-content-fix";
import { checkGuardrails } from "./check-guardrails";
import { loadLintContext } from "./load-lint-context";
import { lockSequence, parseVersionContent } from "./sequence-rows";

export type PublishResult = {
  versionId: string;
  number: number;
  contentHash: string;
  created: boolean;
  /** Set when the publisher chose to apply content-only fixes to contacts in flight. */
  contentFix?: ContentFixResult;
};

/**
 * Snapshots the draft into version n+1 and makes it active. Runs under a row lock on the
 * sequence, so concurrent publishes get consecutive numbers (the unique (sequence, number)
 * index is the backstop). Identical content returns the active version instead of a duplicate.
 */
export async function publishVersion(options: {
  actorId: string;
  sequenceId: string;
  note: string;
  expectedRevision?: number;
  /** Ids of the guardrail warnings the publisher ticked; undefined: a caller without a dialog. */
  acknowledgedWarnings?: readonly string[];
  /** What happens to contacts in flight (default: they stay on their version). */
  inFlight?: InFlightChoice;
  /** The publish time (demo history and tests with an injected clock); the database's now() otherwise. */
  now?: Date;
  /**
   * Runs inside the publish transaction (scheduled publish): `afterLock` right after the sequence
   * row is locked (claims the schedule row or throws), `beforeCommit` with the result (records it),
   * so the claim, the publish and its record commit together or not at all.
   */
  within?: {
    afterLock?: (tx: Tx) => Promise<void>;
    beforeCommit?: (tx: Tx, result: PublishResult) => Promise<void>;
  };
}): Promise<PublishResult> {
  const inFlight = options.inFlight ?? "keep";
  // The guardrails' context (contacts' attributes, audience emptiness) is read before the lock,
  // so concurrent publishes do not queue behind those reads; it is reused only if the content
  // under the lock is the content it was read for.
  const early = await lintContextForDraft(options.sequenceId);
  const published = await db().$transaction(async (tx): Promise<PublishResult> => {
    const sequence = await lockSequence(tx, options.sequenceId);
    await options.within?.afterLock?.(tx);
    if (sequence.status === "archived")
      throw new DomainError("This sequence is archived and cannot be published.", "conflict");
    if (options.expectedRevision !== undefined && options.expectedRevision !== sequence.draft_revision) {
      throw new DomainError(
        "The draft changed after you opened the publish dialog. Review the new changes and publish again.",
        "conflict",
      );
    }
    const validation = validateDraft(sequence.draft);
    if (!validation.ok) {
      throw new DomainError(
        `The draft has ${validation.errors.length} problem(s) to fix before publishing.`,
        "invalid",
        { draftErrors: validation.errors },
      );
    }
    const hash = contentHash(validation.content);
    const active = sequence.active_version_id
      ? await tx.sequenceVersion.findUnique({
          where: { id: sequence.active_version_id },
          select: { id: true, number: true, contentHash: true, content: true },
        })
      : null;
    if (active && publishDecision({ draftHash: hash, activeHash: active.contentHash }) === "unchanged") {
      const unchanged = {
        versionId: active.id,
        number: active.number,
        contentHash: active.contentHash,
        created: false,
      };
      await options.within?.beforeCommit?.(tx, unchanged);
      return unchanged;
    }
    const context =
      early?.hash === hash
        ? early.context
        : await loadLintContext(tx, { sequenceId: sequence.id, steps: validation.content.steps });
    const guardrails = checkGuardrails({
      content: validation.content,
      context,
      acknowledgedWarnings: options.acknowledgedWarnings,
    });
    const change = active ? changeBetween(parseVersionContent(active.content), validation.content) : null;
    // Four-eyes: when the organisation's policy asks for it, only an approval of exactly this
    // draft (revision and content hash) lets it through; it is consumed below.
    const gate = await evaluateReviewGate(tx, {
      sequenceId: sequence.id,
      revision: sequence.draft_revision,
      contentHash: hash,
      change,
    });
    if (gate.requirement.required && !gate.approvalId) {
      throw new DomainError(
        `This publish needs an approved review (${gate.requirement.reason}), and this draft has none. Request a review; another editor or admin approves it, then publish.`,
        "conflict",
        { reviewRequired: true },
      );
    }
    if (inFlight === "apply-content-fix") {
      if (change !== "content") {
        throw new DomainError(
          active
            ? `This change is ${change === "timing" ? "a timing change" : "structural"}, not content only: keep contacts on their version or move them with the migration wizard.`
            : "Nothing is published yet, so there is nobody in flight to apply a fix to.",
          "invalid",
        );
      }
    }
    const publishRecord: PublishRecord = { ...guardrails, inFlight };
    const last = await tx.sequenceVersion.findFirst({
      where: { sequenceId: sequence.id },
      orderBy: { number: "desc" },
      select: { number: true },
    });
    const number = (last?.number ?? 0) + 1;
    const version = await tx.sequenceVersion.create({
      data: {
        sequenceId: sequence.id,
        number,
        content: validation.content,
        contentHash: hash,
        publishedById: options.actorId,
        note: options.note,
        parentVersionId: active?.id ?? null,
        publishRecord,
        publishedAt: options.now,
      },
      select: { id: true },
    });
    await tx.sequence.update({
      where: { id: sequence.id },
      data: { activeVersionId: version.id, status: "active", updatedById: options.actorId },
    });
    if (gate.approvalId) {
      await tx.publishReview.update({
        where: { id: gate.approvalId },
        data: { status: "published", publishedVersionId: version.id },
      });
    }
    await writeAudit(tx, {
      actorId: options.actorId,
      action: "sequence.publish",
      entityType: "sequence",
      entityId: sequence.id,
      summary: `Published v${number} of "${sequence.name}"`,
      detail: {
        versionId: version.id,
        number,
        contentHash: hash,
        note: options.note,
        parentVersionId: active?.id ?? null,
        inFlight,
        acknowledgedWarnings: publishRecord.acknowledgedWarnings,
        acknowledgement: publishRecord.acknowledgement,
        reviewId: gate.approvalId,
      },
    });
    const result = { versionId: version.id, number, contentHash: hash, created: true };
    await options.within?.beforeCommit?.(tx, result);
    return result;
  });
  // After the commit: the version must exist before enrollments can move to it. Each batch is its
  // own transaction; if this stops half-way the migration stays "applying" and resumes from the
  // migrations page.
  if (inFlight === "apply-content-fix" && published.created) {
    published.contentFix = await applyContentFix({
      actorId: options.actorId,
      sequenceId: options.sequenceId,
      toVersionId: published.versionId,
    });
  }
  return published;
}

async function lintContextForDraft(sequenceId: string) {
  const row = await db().sequence.findUnique({ where: { id: sequenceId }, select: { draft: true } });
  const validation = row ? validateDraft(row.draft) : null;
  if (!validation?.ok) return null;
  return {
    hash: contentHash(validation.content),
    context: await loadLintContext(db(), { sequenceId, steps: validation.content.steps }),
  };
}
