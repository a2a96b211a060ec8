import "server-only";
import { describeSelection, migrationSelectionSchema } from "@/lib/domain/migration-plan";
import type { MigrationListRow } from "@/lib/views/migrations";
import { db } from "../db";
import { parseCounts } from "./migration-rows";

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
