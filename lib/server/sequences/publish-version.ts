import "server-only";
import { contentHash } from "@/lib/domain/canonical-hash";
import { publishDecision, validateDraft } from "@/lib/domain/validate-draft";
import { writeAudit } from "../audit";
import { db } from "../db";
import { DomainError } from "../errors";
import { lockSequence } from "./sequence-rows";

export type PublishResult = { versionId: string; number: number; contentHash: string; created: boolean };

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
  /** The publish time (demo history and tests with an injected clock); the database's now() otherwise. */
  now?: Date;
}): Promise<PublishResult> {
  return db().$transaction(async (tx) => {
    const sequence = await lockSequence(tx, options.sequenceId);
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
          select: { id: true, number: true, contentHash: true },
        })
      : null;
    if (active && publishDecision({ draftHash: hash, activeHash: active.contentHash }) === "unchanged") {
      return { versionId: active.id, number: active.number, contentHash: active.contentHash, created: false };
    }
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
        publishedAt: options.now,
      },
      select: { id: true },
    });
    await tx.sequence.update({
      where: { id: sequence.id },
      data: { activeVersionId: version.id, status: "active", updatedById: options.actorId },
    });
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
      },
    });
    return { versionId: version.id, number, contentHash: hash, created: true };
  });
}
