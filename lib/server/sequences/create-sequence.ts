import "server-only";
import { EMPTY_DRAFT } from "@/lib/domain/draft";
import { writeAudit } from "../audit";
import { db } from "../db";

export async function createSequence(options: { actorId: string; name: string; description: string }) {
  return db().$transaction(async (tx) => {
    const sequence = await tx.sequence.create({
      data: {
        name: options.name,
        description: options.description,
        draft: EMPTY_DRAFT,
        createdById: options.actorId,
        updatedById: options.actorId,
      },
      select: { id: true, name: true },
    });
    await writeAudit(tx, {
      actorId: options.actorId,
      action: "sequence.create",
      entityType: "sequence",
      entityId: sequence.id,
      summary: `Created sequence "${sequence.name}"`,
    });
    return sequence;
  });
}
