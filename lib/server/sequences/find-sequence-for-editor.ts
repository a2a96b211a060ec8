import "server-only";
import type { SequenceForEditor } from "@/lib/views/sequences";
import { db } from "../db";
import { parseDraft, parseVersionContent } from "./sequence-rows";

/** The editor's view of one sequence (also the header of its other pages), or null when there is none. */
export async function findSequenceForEditor(sequenceId: string): Promise<SequenceForEditor | null> {
  const sequence = await db().sequence.findUnique({
    where: { id: sequenceId },
    include: { activeVersion: { select: { id: true, number: true, content: true, contentHash: true } } },
  });
  if (!sequence) return null;
  const savedBy = sequence.draftSavedById
    ? await db().user.findUnique({ where: { id: sequence.draftSavedById }, select: { name: true } })
    : null;
  return {
    id: sequence.id,
    name: sequence.name,
    description: sequence.description,
    status: sequence.status,
    draft: parseDraft(sequence.draft),
    revision: sequence.draftRevision,
    draftSavedAt: sequence.draftSavedAt,
    draftSavedBy: savedBy?.name ?? null,
    activeVersion: sequence.activeVersion
      ? {
          id: sequence.activeVersion.id,
          number: sequence.activeVersion.number,
          contentHash: sequence.activeVersion.contentHash,
          content: parseVersionContent(sequence.activeVersion.content),
        }
      : null,
  };
}
