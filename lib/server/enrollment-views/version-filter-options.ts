import "server-only";
import type { Step } from "@/lib/domain/steps";
import { prismaSql } from "@/lib/store/sql";
import { sharedVersionCache } from "@/lib/store/versions";
import { db } from "../db";

export type VersionOption = { id: string; number: number };

/**
 * The versions of one sequence, and the steps of the chosen (or active) version for the "current
 * step" filter. Contents come from the process's version cache (published versions never change),
 * so a page view reads ids and numbers only and parses nothing it parsed before.
 */
export async function versionFilterOptions(
  sequenceId: string,
  versionId?: string | null,
): Promise<{ versions: VersionOption[]; steps: Step[] }> {
  const [versions, sequence] = await Promise.all([
    db().sequenceVersion.findMany({
      where: { sequenceId },
      orderBy: { number: "desc" },
      select: { id: true, number: true },
    }),
    db().sequence.findUnique({ where: { id: sequenceId }, select: { activeVersionId: true } }),
  ]);
  const chosen = versions.find((v) => v.id === versionId);
  // No version chosen: every step key any version has (active version first), since enrollments
  // on older versions can sit on steps the active version dropped.
  const ordered = chosen
    ? [chosen]
    : [...versions].sort(
        (a, b) => Number(b.id === sequence?.activeVersionId) - Number(a.id === sequence?.activeVersionId),
      );
  const contents = await sharedVersionCache.contents(
    prismaSql(db()),
    ordered.map((v) => v.id),
  );
  const seen = new Map<string, Step>();
  for (const version of ordered)
    for (const step of contents.get(version.id)?.steps ?? []) if (!seen.has(step.key)) seen.set(step.key, step);
  return { versions: versions.map((v) => ({ id: v.id, number: v.number })), steps: [...seen.values()] };
}
