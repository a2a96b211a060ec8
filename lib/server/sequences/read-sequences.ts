import "server-only";
import { db } from "../db";
import { DomainError } from "../errors";
import { parseDraft, parseVersionContent } from "./sequence-rows";

export type SequenceListRow = {
  id: string;
  name: string;
  status: "draft" | "active" | "archived";
  activeVersionNumber: number | null;
  activeEnrollments: number;
  lastPublishedAt: Date | null;
  lastPublishedBy: string | null;
  stepCount: number;
  updatedAt: Date;
};

export async function listSequences(options: { includeArchived: boolean }): Promise<SequenceListRow[]> {
  const rows = await db().$queryRaw<
    { id: string; name: string; status: SequenceListRow["status"]; number: number | null; published_at: Date | null; published_by: string | null; active_enrollments: bigint; step_count: number; updated_at: Date }[]
  >`
    SELECT s.id, s.name, s.status::text AS status, v.number, v.published_at, u.name AS published_by,
           jsonb_array_length(s.draft->'steps') AS step_count, s.updated_at,
           (SELECT count(*) FROM enrollments e WHERE e.sequence_id = s.id AND e.status IN ('active', 'paused')) AS active_enrollments
    FROM sequences s
    LEFT JOIN sequence_versions v ON v.id = s.active_version_id
    LEFT JOIN users u ON u.id = v.published_by_id
    WHERE ${options.includeArchived} OR s.status <> 'archived'
    ORDER BY s.updated_at DESC
    LIMIT 500`;
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    status: r.status,
    activeVersionNumber: r.number,
    activeEnrollments: Number(r.active_enrollments),
    lastPublishedAt: r.published_at,
    lastPublishedBy: r.published_by,
    stepCount: r.step_count,
    updatedAt: r.updated_at,
  }));
}

/** The editor's view: draft, revision, who saved last, and the active version for comparison. */
export async function getSequenceForEditor(sequenceId: string) {
  const sequence = await db().sequence.findUnique({
    where: { id: sequenceId },
    include: { activeVersion: { select: { id: true, number: true, content: true, contentHash: true } } },
  });
  if (!sequence) throw new DomainError("That sequence does not exist.", "not_found");
  const savedBy = sequence.draftSavedById ? await db().user.findUnique({ where: { id: sequence.draftSavedById }, select: { name: true } }) : null;
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
      ? { id: sequence.activeVersion.id, number: sequence.activeVersion.number, contentHash: sequence.activeVersion.contentHash, content: parseVersionContent(sequence.activeVersion.content) }
      : null,
  };
}

export async function listVersions(sequenceId: string) {
  const rows = await db().$queryRaw<
    { id: string; number: number; note: string; content_hash: string; published_at: Date; published_by: string | null; active: bigint; total: bigint }[]
  >`
    SELECT v.id, v.number, v.note, v.content_hash, v.published_at, u.name AS published_by,
           count(e.status) FILTER (WHERE e.status IN ('active', 'paused')) AS active,
           count(e.status) AS total
    FROM sequence_versions v
    LEFT JOIN users u ON u.id = v.published_by_id
    -- Both columns, so the (sequence_id, sequence_version_id, status) index answers the counts alone.
    LEFT JOIN enrollments e ON e.sequence_id = v.sequence_id AND e.sequence_version_id = v.id
    WHERE v.sequence_id = ${sequenceId}::uuid
    GROUP BY v.id, u.name
    ORDER BY v.number DESC`;
  return rows.map((r) => ({ id: r.id, number: r.number, note: r.note, contentHash: r.content_hash, publishedAt: r.published_at, publishedBy: r.published_by, activeEnrollments: Number(r.active), totalEnrollments: Number(r.total) }));
}

export async function getVersion(sequenceId: string, number: number) {
  const version = await db().sequenceVersion.findUnique({ where: { sequenceId_number: { sequenceId, number } } });
  if (!version) throw new DomainError(`Version ${number} does not exist for this sequence.`, "not_found");
  return { ...version, content: parseVersionContent(version.content) };
}

/** In-flight impact for the publish dialog: who is on which version and step (they all stay there). */
export async function inFlightByVersionAndStep(sequenceId: string) {
  const rows = await db().$queryRaw<{ number: number; step_key: string | null; step_index: number; count: bigint }[]>`
    SELECT v.number, e.current_step_key AS step_key, e.current_step_index AS step_index, count(*) AS count
    FROM enrollments e JOIN sequence_versions v ON v.id = e.sequence_version_id
    WHERE e.sequence_id = ${sequenceId}::uuid AND e.status IN ('active', 'paused')
    GROUP BY v.number, e.current_step_key, e.current_step_index
    ORDER BY v.number, e.current_step_index`;
  return rows.map((r) => ({ versionNumber: r.number, stepKey: r.step_key, stepIndex: r.step_index, count: Number(r.count) }));
}
