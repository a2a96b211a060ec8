import { versionContentSchema, type VersionContent } from "@/lib/domain/steps";
import type { Sql } from "./sql";
import { faultActive } from "./test-faults";

/** A version whose stored content does not parse; its enrollments fail instead of guessing. */
export type CachedVersion = { ok: true; content: VersionContent } | { ok: false; error: string };

const BY_ID = "SELECT id, content FROM sequence_versions WHERE id = ANY($1::uuid[])";
// The model test's fault: each pinned id answered with its sequence's newest version.
const NEWEST_OF_SEQUENCE = `
  SELECT v.id, newest.content FROM sequence_versions v
  JOIN LATERAL (SELECT n.content FROM sequence_versions n WHERE n.sequence_id = v.sequence_id ORDER BY n.number DESC LIMIT 1) newest ON TRUE
  WHERE v.id = ANY($1::uuid[])`;

function parse(content: unknown): CachedVersion {
  const parsed = versionContentSchema.safeParse(content);
  return parsed.success
    ? { ok: true, content: parsed.data }
    : { ok: false, error: `Version content is invalid: ${parsed.error.issues[0]?.message ?? "unknown"}` };
}

/**
 * Pinned versions by id, for the worker and the services alike. Published versions are immutable
 * (a trigger refuses UPDATE and DELETE), so a version read once is valid forever and the cache
 * never needs invalidating.
 */
export class VersionCache {
  private readonly versions = new Map<string, CachedVersion>();

  async load(sql: Sql, ids: Iterable<string>): Promise<Map<string, CachedVersion>> {
    const wanted = [...new Set(ids)];
    if (faultActive("unpinned")) {
      const rows = await sql.query<{ id: string; content: unknown }>(NEWEST_OF_SEQUENCE, [wanted]);
      return new Map(rows.map((row) => [row.id, parse(row.content)]));
    }
    const missing = wanted.filter((id) => !this.versions.has(id));
    if (missing.length > 0) {
      const rows = await sql.query<{ id: string; content: unknown }>(BY_ID, [missing]);
      for (const row of rows) this.versions.set(row.id, parse(row.content));
    }
    const found = new Map<string, CachedVersion>();
    for (const id of wanted) {
      const version = this.versions.get(id);
      if (version) found.set(id, version);
    }
    return found;
  }

  /** Content of each version; throws on a version that is missing or does not parse (services). */
  async contents(sql: Sql, ids: Iterable<string>): Promise<Map<string, VersionContent>> {
    const loaded = await this.load(sql, ids);
    const out = new Map<string, VersionContent>();
    for (const [id, version] of loaded) {
      if (!version.ok) throw new Error(`Version ${id}: ${version.error}`);
      out.set(id, version.content);
    }
    return out;
  }

  get size(): number {
    return this.versions.size;
  }
}

/** One per process: the worker and the app's services share it for their lifetime. */
export const sharedVersionCache = new VersionCache();
