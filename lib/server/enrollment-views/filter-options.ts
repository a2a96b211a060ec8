import "server-only";
import type { SequenceStatus } from "@/lib/domain/sequence-status";
import type { Step } from "@/lib/domain/steps";
import { db } from "../db";
import { parseVersionContent } from "../sequences/sequence-rows";

export type SequenceOption = { id: string; name: string; status: SequenceStatus; activeVersionNumber: number | null };
export type VersionOption = { id: string; number: number };

/** Every sequence that was ever published (only those can have enrollments), for filters and the enroll dialog. */
export async function publishedSequences(): Promise<SequenceOption[]> {
  const rows = await db().$queryRaw<{ id: string; name: string; status: SequenceOption["status"]; number: number | null }[]>`
    SELECT s.id, s.name, s.status::text AS status, v.number
    FROM sequences s LEFT JOIN sequence_versions v ON v.id = s.active_version_id
    WHERE s.active_version_id IS NOT NULL
    ORDER BY lower(s.name), s.id
    LIMIT 1000`;
  return rows.map((r) => ({ id: r.id, name: r.name, status: r.status, activeVersionNumber: r.number }));
}

/** The versions of one sequence, and the steps of the chosen (or active) version for the "current step" filter. */
export async function versionFilterOptions(sequenceId: string, versionId?: string | null): Promise<{ versions: VersionOption[]; steps: Step[] }> {
  const versions = await db().sequenceVersion.findMany({ where: { sequenceId }, orderBy: { number: "desc" }, select: { id: true, number: true, content: true } });
  const sequence = await db().sequence.findUnique({ where: { id: sequenceId }, select: { activeVersionId: true } });
  const options = versions.map((v) => ({ id: v.id, number: v.number }));
  const chosen = versions.find((v) => v.id === versionId);
  if (chosen) return { versions: options, steps: parseVersionContent(chosen.content).steps };
  // No version chosen: every step key any version has (active version first), since enrollments
  // on older versions can sit on steps the active version dropped.
  const ordered = [...versions].sort((a, b) => Number(b.id === sequence?.activeVersionId) - Number(a.id === sequence?.activeVersionId));
  const seen = new Map<string, Step>();
  for (const version of ordered) for (const step of parseVersionContent(version.content).steps) if (!seen.has(step.key)) seen.set(step.key, step);
  return { versions: options, steps: [...seen.values()] };
}
