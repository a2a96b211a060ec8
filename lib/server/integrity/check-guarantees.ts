import "server-only";
import { EXAMPLES_SHOWN, type IntegrityCheckResult } from "@/lib/domain/integrity";
import { db } from "../db";
import type { IntegrityScope } from "./integrity-scope";

/** Thrown to roll back the probe's transaction whatever happened in it. */
class RollBack extends Error {}

/**
 * "There is a versions table that cannot be updated": the immutability triggers are present and
 * enabled, and an actual UPDATE of a version with the app's own credentials is refused (tried in a
 * transaction that is always rolled back, so even a wrongly allowed update changes nothing).
 */
export async function checkVersionsImmutable(): Promise<IntegrityCheckResult> {
  const triggers = await db().$queryRaw<{ tgname: string; tgenabled: string }[]>`
    SELECT t.tgname, t.tgenabled::text AS tgenabled FROM pg_trigger t
    WHERE t.tgrelid = 'sequence_versions'::regclass AND NOT t.tgisinternal`;
  const problems: { id: string; problem: string }[] = [];
  for (const name of ["sequence_versions_no_update", "sequence_versions_no_delete", "sequence_versions_no_truncate"]) {
    const trigger = triggers.find((t) => t.tgname === name);
    if (!trigger) problems.push({ id: name, problem: `the trigger ${name} is missing` });
    else if (trigger.tgenabled === "D") problems.push({ id: name, problem: `the trigger ${name} is disabled` });
  }
  let refusal: string | null = null;
  let probed = false;
  try {
    await db().$transaction(async (tx) => {
      const [version] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM sequence_versions LIMIT 1`;
      if (!version) throw new RollBack();
      probed = true;
      try {
        await tx.$executeRaw`UPDATE sequence_versions SET note = note WHERE id = ${version.id}::uuid`;
      } catch (error) {
        refusal = error instanceof Error ? error.message : String(error);
      }
      throw new RollBack();
    });
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
  }
  if (probed && refusal === null)
    problems.push({
      id: "update",
      problem: "an UPDATE of a published version with the app's credentials was accepted",
    });
  const how = !probed
    ? "no version exists yet to try an update on"
    : /permission denied/i.test(refusal ?? "")
      ? "the app's database role is not allowed to update it"
      : "the database's trigger refused the update";
  return {
    id: "versions-immutable",
    title: "There is a versions table that cannot be updated",
    status: problems.length === 0 ? "passed" : "failed",
    summary:
      problems.length === 0
        ? `Published versions live in sequence_versions, which refuses UPDATE, DELETE and TRUNCATE (three enabled triggers); an update tried just now was refused (${how}).`
        : `The versions table can be changed: ${problems.map((p) => p.problem).join("; ")}.`,
    checked: 4,
    failed: problems.length,
    examples: problems.slice(0, EXAMPLES_SHOWN),
  };
}

/**
 * "Enrollments carry a version": the column is NOT NULL, the foreign key ties it to a version of
 * the enrollment's own sequence, and every row has one.
 */
export async function checkEnrollmentsPinned(scope: IntegrityScope): Promise<IntegrityCheckResult> {
  const sequenceIds = scope?.sequenceIds ?? null;
  const [column] = await db().$queryRaw<{ is_nullable: string }[]>`
    SELECT is_nullable FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = 'enrollments' AND column_name = 'sequence_version_id'`;
  const [fk] = await db().$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM pg_constraint
    WHERE conrelid = 'enrollments'::regclass AND contype = 'f' AND conname = 'enrollments_version_in_sequence_fkey' AND convalidated`;
  const bad = await db().$queryRaw<{ id: string }[]>`
    SELECT e.id FROM enrollments e
    LEFT JOIN sequence_versions v ON v.id = e.sequence_version_id AND v.sequence_id = e.sequence_id
    WHERE v.id IS NULL AND (${sequenceIds}::uuid[] IS NULL OR e.sequence_id = ANY(${sequenceIds}::uuid[]))
    LIMIT ${EXAMPLES_SHOWN}`;
  const [total] = await db().$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM enrollments WHERE ${sequenceIds}::uuid[] IS NULL OR sequence_id = ANY(${sequenceIds}::uuid[])`;
  const problems = [
    ...(column?.is_nullable === "NO" ? [] : [{ id: "sequence_version_id", problem: "the column allows NULL" }]),
    ...(Number(fk?.n ?? 0) === 1
      ? []
      : [
          {
            id: "enrollments_version_in_sequence_fkey",
            problem: "the foreign key to a version of the same sequence is missing",
          },
        ]),
    ...bad.map((row) => ({ id: row.id, problem: "its version does not belong to its sequence" })),
  ];
  const count = Number(total?.n ?? 0);
  return {
    id: "enrollments-pinned",
    title: "Enrollments carry a version",
    status: problems.length === 0 ? "passed" : "failed",
    summary:
      problems.length === 0
        ? `Each of the ${count} enrollments names the version it runs (enrollments.sequence_version_id: NOT NULL, a foreign key to a version of the same sequence).`
        : `Enrollments are not reliably pinned: ${problems.length} problem(s).`,
    checked: count,
    failed: problems.length,
    examples: problems.slice(0, EXAMPLES_SHOWN),
  };
}
