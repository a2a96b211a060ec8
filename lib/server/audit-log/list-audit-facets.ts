import "server-only";
import type { AuditFacets } from "@/lib/views/audit";
import { db } from "../db";

/**
 * The choices of the filter menus: distinct actions and entity types (a loose index scan over the
 * (action, at) and (entity_type, entity_id, at) indexes: one index probe per distinct value, not a
 * scan of the log) and the users (a small table).
 */
export async function listAuditFacets(): Promise<AuditFacets> {
  const [actions, entityTypes, actors] = await Promise.all([
    db().$queryRaw<{ v: string }[]>`
      WITH RECURSIVE d(v) AS (
        (SELECT action FROM audit_log ORDER BY action LIMIT 1)
        UNION ALL
        SELECT (SELECT action FROM audit_log WHERE action > d.v ORDER BY action LIMIT 1) FROM d WHERE d.v IS NOT NULL
      ) SELECT v FROM d WHERE v IS NOT NULL`,
    db().$queryRaw<{ v: string }[]>`
      WITH RECURSIVE d(v) AS (
        (SELECT entity_type FROM audit_log ORDER BY entity_type LIMIT 1)
        UNION ALL
        SELECT (SELECT entity_type FROM audit_log WHERE entity_type > d.v ORDER BY entity_type LIMIT 1) FROM d WHERE d.v IS NOT NULL
      ) SELECT v FROM d WHERE v IS NOT NULL`,
    db().user.findMany({ select: { id: true, name: true, email: true }, orderBy: { name: "asc" }, take: 500 }),
  ]);
  return { actions: actions.map((r) => r.v), entityTypes: entityTypes.map((r) => r.v), actors };
}
