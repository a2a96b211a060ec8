import "server-only";
import type { RecentChange } from "@/lib/views/dashboard";
import { db } from "../db";

/** The latest publishes and operator migrations with their authors, newest first (indexes on published_at / created_at). */
export async function listRecentChanges(options: { limit?: number } = {}): Promise<RecentChange[]> {
  const limit = options.limit ?? 8;
  const [publishes, migrations] = await Promise.all([
    db().$queryRaw<
      { at: Date; sequence_id: string; name: string; number: number; note: string; author: string | null }[]
    >`
      SELECT v.published_at AS at, v.sequence_id, s.name, v.number, v.note, u.name AS author
      FROM (SELECT * FROM sequence_versions ORDER BY published_at DESC LIMIT ${limit}) v
      JOIN sequences s ON s.id = v.sequence_id
      LEFT JOIN users u ON u.id = v.published_by_id
      ORDER BY v.published_at DESC`,
    db().$queryRaw<
      {
        at: Date;
        id: string;
        sequence_id: string;
        name: string;
        from_number: number;
        to_number: number;
        status: string;
        moved: number | null;
        author: string | null;
      }[]
    >`
      SELECT m.created_at AS at, m.id, m.sequence_id, s.name, fv.number AS from_number, tv.number AS to_number,
             m.status::text AS status, (m.counts ->> 'moved')::int AS moved, u.name AS author
      FROM (SELECT * FROM enrollment_migrations ORDER BY created_at DESC LIMIT ${limit}) m
      JOIN sequences s ON s.id = m.sequence_id
      JOIN sequence_versions fv ON fv.id = m.from_version_id
      JOIN sequence_versions tv ON tv.id = m.to_version_id
      LEFT JOIN users u ON u.id = m.created_by_id
      ORDER BY m.created_at DESC`,
  ]);
  const changes: RecentChange[] = [
    ...publishes.map((p) => ({
      kind: "publish" as const,
      at: p.at,
      sequenceId: p.sequence_id,
      sequenceName: p.name,
      versionNumber: p.number,
      note: p.note,
      author: p.author,
    })),
    ...migrations.map((m) => ({
      kind: "migration" as const,
      at: m.at,
      id: m.id,
      sequenceId: m.sequence_id,
      sequenceName: m.name,
      fromNumber: m.from_number,
      toNumber: m.to_number,
      status: m.status,
      moved: m.moved ?? 0,
      author: m.author,
    })),
  ];
  return changes.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, limit);
}
