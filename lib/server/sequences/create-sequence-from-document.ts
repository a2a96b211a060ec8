import "server-only";
import { documentContent, type SequenceDocument } from "@/lib/domain/sequence-document";
import { writeAudit } from "../audit";
import { db } from "../db";

/** A new sequence whose draft is the document's steps and settings (keys kept), in one transaction. */
export async function createSequenceFromDocument(options: { actorId: string; document: SequenceDocument }) {
  const { document } = options;
  return db().$transaction(async (tx) => {
    const sequence = await tx.sequence.create({
      data: {
        name: document.name,
        description: document.description,
        draft: documentContent(document),
        draftRevision: 1,
        draftSavedById: options.actorId,
        draftSavedAt: new Date(),
        createdById: options.actorId,
        updatedById: options.actorId,
      },
      select: { id: true, name: true, draftRevision: true },
    });
    await writeAudit(tx, {
      actorId: options.actorId,
      action: "sequence.create",
      entityType: "sequence",
      entityId: sequence.id,
      summary: `Created sequence "${sequence.name}" from a sequence document (${document.steps.length} steps)`,
      detail: { source: "document" },
    });
    return { sequenceId: sequence.id, name: sequence.name, revision: sequence.draftRevision };
  });
}
