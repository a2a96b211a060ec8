import "server-only";
import {
  canaryThreshold,
  migrationSelectionSchema,
  stepMapSchema,
  validateStepMap,
  type MigrationSelection,
  type StepMap,
} from "@/lib/domain/migration-plan";
import type { Step } from "@/lib/domain/steps";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db, Tx } from "../db";
import type { MigrationCounts } from "@/lib/views/migrations";
import { DomainError } from "../errors";
import { parseVersionContent } from "../sequences/sequence-rows";

export type VersionSteps = { id: string; number: number; steps: Step[] };
export type MigrationVersions = { sequenceName: string; from: VersionSteps; to: VersionSteps };

/** Both versions, checked to belong to the sequence; steps parsed from the immutable snapshots. */
export async function loadMigrationVersions(
  client: Db | Tx,
  options: { sequenceId: string; fromVersionId: string; toVersionId: string },
): Promise<MigrationVersions> {
  if (options.fromVersionId === options.toVersionId)
    throw new DomainError("Choose two different versions: enrollments are already on this one.", "invalid");
  const sequence = await client.sequence.findUnique({ where: { id: options.sequenceId }, select: { name: true } });
  if (!sequence) throw new DomainError("That sequence does not exist.", "not_found");
  const rows = await client.sequenceVersion.findMany({
    where: { sequenceId: options.sequenceId, id: { in: [options.fromVersionId, options.toVersionId] } },
    select: { id: true, number: true, content: true },
  });
  const find = (id: string): VersionSteps => {
    const row = rows.find((r) => r.id === id);
    if (!row) throw new DomainError("That version does not belong to this sequence.", "not_found");
    return { id: row.id, number: row.number, steps: parseVersionContent(row.content).steps };
  };
  return { sequenceName: sequence.name, from: find(options.fromVersionId), to: find(options.toVersionId) };
}

/** Refuses a step map the operator has not finished (a removed step without a choice, a goto to nowhere). */
export function assertValidStepMap(versions: MigrationVersions, map: StepMap): void {
  const errors = validateStepMap(versions.from.steps, versions.to.steps, map);
  if (errors.length > 0) {
    throw new DomainError(`The step map is incomplete: ${errors.map((e) => e.message).join("; ")}.`, "invalid", {
      stepMapErrors: errors,
    });
  }
}

/**
 * SQL condition (on alias `e`) for the selection, beyond "in flight on version A". The canary
 * sample hashes each enrollment id with the stored seed, so the dry run, every batch of the
 * apply and a resumed apply all agree on who is in it.
 */
export function selectionCondition(selection: MigrationSelection): Prisma.Sql {
  switch (selection.kind) {
    case "all":
      return Prisma.sql`TRUE`;
    case "steps":
      return Prisma.sql`e.current_step_key = ANY(${selection.stepKeys}::text[])`;
    case "canary":
      return Prisma.sql`('x' || substr(md5(e.id::text || ${selection.seed}), 1, 8))::bit(32)::bigint < ${canaryThreshold(selection.percent)}::bigint`;
    default: {
      const _exhaustive: never = selection;
      throw new Error(`Unknown selection ${JSON.stringify(_exhaustive)}`);
    }
  }
}

export type { MigrationCounts };
export const EMPTY_COUNTS: MigrationCounts = { total: 0, moved: 0, exited: 0, completed: 0, undone: 0, kept: 0 };

export function parseCounts(json: unknown): MigrationCounts {
  const raw = (json && typeof json === "object" ? json : {}) as Record<string, unknown>;
  const n = (key: keyof MigrationCounts) => (typeof raw[key] === "number" ? (raw[key] as number) : 0);
  return {
    total: n("total"),
    moved: n("moved"),
    exited: n("exited"),
    completed: n("completed"),
    undone: n("undone"),
    kept: n("kept"),
  };
}

export function parseStoredPlan(row: { stepMap: unknown; selection: unknown }): {
  stepMap: StepMap;
  selection: MigrationSelection;
} {
  return { stepMap: stepMapSchema.parse(row.stepMap), selection: migrationSelectionSchema.parse(row.selection) };
}

export type LockedMigration = {
  id: string;
  sequence_id: string;
  from_version_id: string;
  to_version_id: string;
  step_map: unknown;
  selection: unknown;
  status: "applying" | "applied" | "undone";
  counts: unknown;
  created_by_id: string | null;
};

/** Serialises apply and undo calls of one migration: each batch runs under this row lock. */
export async function lockMigration(tx: Tx, migrationId: string): Promise<LockedMigration> {
  const rows = await tx.$queryRaw<LockedMigration[]>`
    SELECT id, sequence_id, from_version_id, to_version_id, step_map, selection, status::text AS status, counts, created_by_id
    FROM enrollment_migrations WHERE id = ${migrationId}::uuid FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new DomainError("That migration does not exist.", "not_found");
  return row;
}
