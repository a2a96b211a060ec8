import "server-only";
import type { DraftContent } from "@/lib/domain/draft";
import { writeAudit } from "../audit";
import { db } from "../db";
import { DomainError } from "../errors";
import { cancelStaleSchedules } from "../scheduled-publish/cancel-stale-schedules";

/**
 * Optimistic lock: the save succeeds only if nobody saved since the editor loaded `revision`.
 * A stale save changes nothing and reports who saved in between.
 */
export async function saveDraft(options: {
  actorId: string;
  sequenceId: string;
  revision: number;
  draft: DraftContent;
}) {
  const now = new Date();
  const row = await db().$transaction(async (tx) => {
    const updated = await tx.$queryRaw<{ draft_revision: number; name: string }[]>`
      UPDATE sequences
      SET draft = ${JSON.stringify(options.draft)}::jsonb, draft_revision = draft_revision + 1,
          draft_saved_by_id = ${options.actorId}::uuid, draft_saved_at = ${now}, updated_by_id = ${options.actorId}::uuid, updated_at = ${now}
      WHERE id = ${options.sequenceId}::uuid AND draft_revision = ${options.revision} AND status <> 'archived'
      RETURNING draft_revision, name`;
    const saved = updated[0];
    if (saved) {
      await writeAudit(tx, {
        actorId: options.actorId,
        action: "sequence.saveDraft",
        entityType: "sequence",
        entityId: options.sequenceId,
        summary: `Saved the draft of "${saved.name}" (revision ${saved.draft_revision}, ${options.draft.steps.length} steps)`,
        detail: { revision: saved.draft_revision },
      });
      await cancelStaleSchedules(tx, {
        actorId: options.actorId,
        sequenceId: options.sequenceId,
        sequenceName: saved.name,
        revision: saved.draft_revision,
        draft: options.draft,
      });
    }
    return saved;
  });
  if (row) return { revision: row.draft_revision, savedAt: now };

  const current = await db().sequence.findUnique({
    where: { id: options.sequenceId },
    select: { status: true, draftRevision: true, draftSavedById: true, draftSavedAt: true },
  });
  if (!current) throw new DomainError("That sequence does not exist (it may have been removed).", "not_found");
  if (current.status === "archived")
    throw new DomainError("This sequence is archived; its draft can no longer be edited.", "conflict");
  const by = current.draftSavedById
    ? await db().user.findUnique({ where: { id: current.draftSavedById }, select: { name: true, email: true } })
    : null;
  throw new DomainError(
    `${by?.name ?? "Someone else"} saved this draft${current.draftSavedAt ? ` at ${current.draftSavedAt.toISOString()}` : ""} after you opened it. Reload to see their changes; yours were not saved.`,
    "conflict",
    {
      revision: current.draftRevision,
      savedBy: by?.name ?? null,
      savedAt: current.draftSavedAt?.toISOString() ?? null,
    },
  );
}
