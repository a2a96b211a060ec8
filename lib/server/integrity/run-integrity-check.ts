import "server-only";
import { reportOf, type IntegrityReport } from "@/lib/domain/integrity";
import { logger } from "@/lib/observability/logger";
import { writeAudit } from "../audit";
import { db } from "../db";
import { checkEnrollmentsPinned, checkVersionsImmutable } from "./check-guarantees";
import { checkTimelines } from "./check-timelines";
import { checkVersionHashes } from "./check-version-hashes";
import type { IntegrityScope } from "./integrity-scope";

/**
 * The auditor's integrity check: the versions table cannot be updated, every version still hashes
 * to its stored hash, enrollments carry a version, every timeline row is on the version its
 * enrollment was on at that moment, and no enrollment changed version except by a recorded
 * migration. Read-only (its one write is the audit row saying it ran and how it came out).
 */
export async function runIntegrityCheck(options: {
  actorId: string | null;
  scope?: IntegrityScope;
}): Promise<IntegrityReport> {
  const scope = options.scope ?? null;
  const started = new Date();
  const immutable = await checkVersionsImmutable();
  const hashes = await checkVersionHashes(scope);
  const pinned = await checkEnrollmentsPinned(scope);
  const timelines = await checkTimelines(scope, hashes.labels);
  const report = reportOf(started, new Date(), [
    immutable,
    hashes.result,
    pinned,
    timelines.timeline,
    timelines.migrations,
  ]);
  const failed = report.checks.filter((c) => c.status === "failed").map((c) => c.id);
  logger().info({ passed: report.passed, failed, ms: Date.now() - started.getTime() }, "integrity check finished");
  await db().$transaction((tx) =>
    writeAudit(tx, {
      actorId: options.actorId,
      action: "integrity.check",
      entityType: "system",
      entityId: null,
      summary: report.passed
        ? "Ran the integrity check: every check passed"
        : `Ran the integrity check: ${failed.length} check(s) failed (${failed.join(", ")})`,
      detail: { passed: report.passed, failed, scoped: scope !== null },
    }),
  );
  return report;
}
