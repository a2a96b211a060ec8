import "server-only";
import { canonicalJson } from "@/lib/domain/canonical-json";
import { classifyChange, type ChangeClass } from "@/lib/domain/change-class";
import { IN_FLIGHT_STATUSES } from "@/lib/domain/enrollment-status";
import type { VersionContent } from "@/lib/domain/steps";
import { diffSteps } from "@/lib/domain/version-diff";
import { db } from "../db";
import { DomainError } from "../errors";
import { applyMigration, startMigration } from "../migrations/apply-migration";
import type { MigrationCounts } from "../migrations/migration-rows";
import { parseVersionContent } from "./sequence-rows";

export function changeBetween(from: VersionContent, to: VersionContent): ChangeClass {
  const settingsChanged = canonicalJson(from.settings) !== canonicalJson(to.settings);
  return classifyChange(diffSteps(from.steps, to.steps), { settingsChanged }).overall;
}

export type ContentFixResult = {
  migrations: { migrationId: string; fromNumber: number; counts: MigrationCounts }[];
  skipped: { fromNumber: number; change: ChangeClass }[];
};

/**
 * "Apply the content-only fixes to in-flight contacts": for every older version with contacts in
 * flight whose difference to the new version is content only, an ordinary migration with the
 * identity step map (nobody changes step, only what the next steps say), through the migration
 * services, so it is planned, counted, audited and undoable from the migrations page like any
 * other. Versions whose difference is more than content keep their contacts pinned.
 */
export async function applyContentFix(options: {
  actorId: string;
  sequenceId: string;
  toVersionId: string;
}): Promise<ContentFixResult> {
  const target = await db().sequenceVersion.findUniqueOrThrow({
    where: { id: options.toVersionId },
    select: { content: true },
  });
  const toContent = parseVersionContent(target.content);
  const sources = await db().$queryRaw<{ id: string; number: number; content: unknown }[]>`
    SELECT v.id, v.number, v.content FROM sequence_versions v
    WHERE v.sequence_id = ${options.sequenceId}::uuid AND v.id <> ${options.toVersionId}::uuid
      AND EXISTS (SELECT 1 FROM enrollments e WHERE e.sequence_version_id = v.id
                  AND e.status = ANY(${[...IN_FLIGHT_STATUSES]}::"EnrollmentStatus"[]))
    ORDER BY v.number`;
  const result: ContentFixResult = { migrations: [], skipped: [] };
  for (const source of sources) {
    const change = changeBetween(parseVersionContent(source.content), toContent);
    if (change !== "content" && change !== "none") {
      result.skipped.push({ fromNumber: source.number, change });
      continue;
    }
    let started;
    try {
      started = await startMigration({
        actorId: options.actorId,
        sequenceId: options.sequenceId,
        fromVersionId: source.id,
        toVersionId: options.toVersionId,
        stepMap: {},
        selection: { kind: "all" },
      });
    } catch (error) {
      // Everyone finished between the check and the start: nothing to move.
      if (error instanceof DomainError && error.code === "conflict") continue;
      throw error;
    }
    const applied = await applyMigration({ actorId: options.actorId, migrationId: started.migrationId });
    result.migrations.push({ migrationId: started.migrationId, fromNumber: source.number, counts: applied.counts });
  }
  return result;
}
