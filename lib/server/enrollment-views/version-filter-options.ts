import "server-only";
import type { Step } from "@/lib/domain/steps";
import { db } from "../db";
import { parseVersionContent } from "../sequences/sequence-rows";

export type VersionOption = { id: string; number: number };

/** The versions of one sequence, and the steps of the chosen (or active) version for the "current step" filter. */
export async function versionFilterOptions(
  sequenceId: string,
  versionId?: string | null,
): Promise<{ versions: VersionOption[]; steps: Step[] }> {
  const versions = await db().sequenceVersion.findMany({
    where: { sequenceId },
    orderBy: { number: "desc" },
    select: { id: true, number: true, content: true },
  });
  const sequence = await db().sequence.findUnique({ where: { id: sequenceId }, select: { activeVersionId: true } });
  const options = versions.map((v) => ({ id: v.id, number: v.number }));
  const chosen = versions.find((v) => v.id === versionId);
  if (chosen) return { versions: options, steps: parseVersionContent(chosen.content).steps };
  // No version chosen: every step key any version has (active version first), since enrollments
  // on older versions can sit on steps the active version dropped.
  const ordered = [...versions].sort(
    (a, b) => Number(b.id === sequence?.activeVersionId) - Number(a.id === sequence?.activeVersionId),
  );
  const seen = new Map<string, Step>();
  for (const version of ordered)
    for (const step of parseVersionContent(version.content).steps) if (!seen.has(step.key)) seen.set(step.key, step);
  return { versions: options, steps: [...seen.values()] };
}
