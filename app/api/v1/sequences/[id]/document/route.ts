import { API_OPERATIONS } from "@/lib/domain/api-contract";
import {
  documentContent,
  sameContent,
  serializeSequenceDocument,
  toSequenceDocument,
} from "@/lib/domain/sequence-document";
import { defineRoute } from "@/lib/server/api/define-route";
import { DomainError } from "@/lib/server/errors";
import { findSequenceForEditor } from "@/lib/server/sequences/find-sequence-for-editor";
import { findVersion } from "@/lib/server/sequences/find-version";
import { saveDraft } from "@/lib/server/sequences/save-draft";

export const dynamic = "force-dynamic";

function fileNameOf(name: string, format: "yaml" | "json"): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return `${slug || "sequence"}.${format === "json" ? "json" : "yaml"}`;
}

export const GET = defineRoute(API_OPERATIONS.getSequenceDocument, async ({ params, query }) => {
  const sequence = await findSequenceForEditor(params.id);
  if (!sequence) throw new DomainError("That sequence does not exist.", "not_found");
  let content = sequence.draft;
  if (query.version !== undefined) {
    const version = await findVersion(params.id, query.version);
    if (!version) throw new DomainError(`This sequence has no version ${query.version}.`, "not_found");
    content = version.content;
  }
  const document = toSequenceDocument({
    sequenceId: sequence.id,
    revision: sequence.revision,
    version: query.version,
    name: sequence.name,
    description: sequence.description,
    content,
  });
  return {
    sequenceId: sequence.id,
    revision: sequence.revision,
    version: query.version ?? null,
    format: query.format,
    fileName: fileNameOf(sequence.name, query.format),
    text: serializeSequenceDocument(document, query.format),
    document,
  };
});

// The same service as the editor's save (optimistic revision). The name and description of a
// document are used when it creates a sequence; a push replaces the steps and settings.
export const PUT = defineRoute(API_OPERATIONS.replaceDraftFromDocument, async ({ key, params, body }) => {
  const sequence = await findSequenceForEditor(params.id);
  if (!sequence) throw new DomainError("That sequence does not exist.", "not_found");
  const content = documentContent(body.document);
  if (sameContent(sequence.draft, content))
    return {
      sequenceId: params.id,
      revision: sequence.revision,
      savedAt: sequence.draftSavedAt ?? new Date(),
      changed: false,
    };
  const saved = await saveDraft({
    actorId: key.actorId,
    sequenceId: params.id,
    revision: body.revision,
    draft: content,
  });
  return { sequenceId: params.id, revision: saved.revision, savedAt: saved.savedAt, changed: true };
});
