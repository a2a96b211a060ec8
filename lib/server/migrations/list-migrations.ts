import "server-only";
import { describeSelection, migrationSelectionSchema, type MigrationSelection } from "@/lib/domain/migration-plan";
import type { Step } from "@/lib/domain/steps";
import { db } from "../db";
import { DomainError } from "../errors";
import { parseVersionContent } from "../sequences/sequence-rows";
import { parseCounts, type MigrationCounts } from "./migration-rows";

export type MigrationListRow = {
  id: string;
  fromVersion: number;
  toVersion: number;
  status: "applying" | "applied" | "undone";
  selection: MigrationSelection | null;
  selectionText: string;
  counts: MigrationCounts;
  createdBy: string | null;
  createdAt: Date;
  appliedAt: Date | null;
  undoneBy: string | null;
  undoneAt: Date | null;
};

/** Every operator move of this sequence's enrollments, newest first. */
export async function listMigrations(options: { sequenceId: string; limit?: number }): Promise<MigrationListRow[]> {
  const rows = await db().$queryRaw<
    {
      id: string;
      from_number: number;
      to_number: number;
      status: MigrationListRow["status"];
      selection: unknown;
      counts: unknown;
      created_by: string | null;
      created_at: Date;
      applied_at: Date | null;
      undone_by: string | null;
      undone_at: Date | null;
    }[]
  >`
    SELECT m.id, fv.number AS from_number, tv.number AS to_number, m.status::text AS status, m.selection, m.counts,
           cu.name AS created_by, m.created_at, m.applied_at, uu.name AS undone_by, m.undone_at
    FROM enrollment_migrations m
    JOIN sequence_versions fv ON fv.id = m.from_version_id
    JOIN sequence_versions tv ON tv.id = m.to_version_id
    LEFT JOIN users cu ON cu.id = m.created_by_id
    LEFT JOIN users uu ON uu.id = m.undone_by_id
    WHERE m.sequence_id = ${options.sequenceId}::uuid
    ORDER BY m.created_at DESC
    LIMIT ${options.limit ?? 200}`;
  return rows.map((r) => {
    const selection = migrationSelectionSchema.safeParse(r.selection);
    return {
      id: r.id,
      fromVersion: r.from_number,
      toVersion: r.to_number,
      status: r.status,
      selection: selection.success ? selection.data : null,
      selectionText: selection.success ? describeSelection(selection.data) : "unknown selection",
      counts: parseCounts(r.counts),
      createdBy: r.created_by,
      createdAt: r.created_at,
      appliedAt: r.applied_at,
      undoneBy: r.undone_by,
      undoneAt: r.undone_at,
    };
  });
}

export type MigrationSetup = {
  sequence: { id: string; name: string; activeVersionId: string | null };
  versions: { id: string; number: number; note: string; steps: Step[]; inFlight: number }[];
};

/** What the "move enrollments" page needs: each version's steps and how many are in flight on it. */
export async function getMigrationSetup(sequenceId: string): Promise<MigrationSetup> {
  const sequence = await db().sequence.findUnique({ where: { id: sequenceId }, select: { id: true, name: true, activeVersionId: true } });
  if (!sequence) throw new DomainError("That sequence does not exist.", "not_found");
  const rows = await db().$queryRaw<{ id: string; number: number; note: string; content: unknown; in_flight: bigint }[]>`
    SELECT v.id, v.number, v.note, v.content,
           (SELECT count(*) FROM enrollments e WHERE e.sequence_version_id = v.id AND e.status IN ('active', 'paused')) AS in_flight
    FROM sequence_versions v WHERE v.sequence_id = ${sequenceId}::uuid ORDER BY v.number DESC`;
  return {
    sequence,
    versions: rows.map((r) => ({ id: r.id, number: r.number, note: r.note, steps: parseVersionContent(r.content).steps, inFlight: Number(r.in_flight) })),
  };
}

/** The history page: the sequence's name and its migrations, or null when there is no such sequence. */
export async function getMigrationHistory(sequenceId: string): Promise<{ sequence: { id: string; name: string }; rows: MigrationListRow[] } | null> {
  const sequence = await db().sequence.findUnique({ where: { id: sequenceId }, select: { id: true, name: true } });
  if (!sequence) return null;
  return { sequence, rows: await listMigrations({ sequenceId }) };
}
