import { API_OPERATIONS } from "@/lib/domain/api-contract";
import { defineRoute } from "@/lib/server/api/define-route";
import { DomainError } from "@/lib/server/errors";
import { findSequenceForEditor } from "@/lib/server/sequences/find-sequence-for-editor";
import { saveDraft } from "@/lib/server/sequences/save-draft";

export const dynamic = "force-dynamic";

export const GET = defineRoute(API_OPERATIONS.getDraft, async ({ params }) => {
  const sequence = await findSequenceForEditor(params.id);
  if (!sequence) throw new DomainError("That sequence does not exist.", "not_found");
  return {
    sequenceId: sequence.id,
    revision: sequence.revision,
    savedAt: sequence.draftSavedAt,
    draft: sequence.draft,
  };
});

// The same schema (draftContentSchema) and service as the editor's save.
export const PUT = defineRoute(API_OPERATIONS.replaceDraft, async ({ key, params, body }) => {
  const saved = await saveDraft({ actorId: key.actorId, sequenceId: params.id, ...body });
  return { sequenceId: params.id, revision: saved.revision, savedAt: saved.savedAt };
});
