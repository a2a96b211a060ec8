import type { Queryable } from "./pool";
import { versionContentSchema, type VersionContent } from "@/lib/domain/steps";
import { faultActive } from "@/lib/store/test-faults";

/** A version whose stored content does not parse; its enrollments fail instead of guessing. */
export type CachedVersion = { ok: true; content: VersionContent } | { ok: false; error: string };

/**
 * Published versions are immutable (a trigger refuses UPDATE and DELETE), so a version read once
 * is valid forever and the cache never needs invalidating.
 */
export class VersionCache {
  private readonly versions = new Map<string, CachedVersion>();

  async load(db: Queryable, ids: Iterable<string>): Promise<Map<string, CachedVersion>> {
    const wanted = [...new Set(ids)];
    if (faultActive("unpinned")) return loadNewestInstead(db, wanted);
    const missing = wanted.filter((id) => !this.versions.has(id));
    if (missing.length > 0) {
      const { rows } = await db.query<{ id: string; content: unknown }>(
        "SELECT id, content FROM sequence_versions WHERE id = ANY($1::uuid[])",
        [missing],
      );
      for (const row of rows) {
        const parsed = versionContentSchema.safeParse(row.content);
        this.versions.set(
          row.id,
          parsed.success ? { ok: true, content: parsed.data } : { ok: false, error: `Version content is invalid: ${parsed.error.issues[0]?.message ?? "unknown"}` },
        );
      }
    }
    const found = new Map<string, CachedVersion>();
    for (const id of wanted) {
      const version = this.versions.get(id);
      if (version) found.set(id, version);
    }
    return found;
  }

  get size(): number {
    return this.versions.size;
  }
}

/**
 * The model test's deliberate pinning bug: each id gets its sequence's newest content, uncached so
 * switching the fault off restores correct behaviour at once.
 */
async function loadNewestInstead(db: Queryable, ids: string[]): Promise<Map<string, CachedVersion>> {
  const { rows } = await db.query<{ id: string; content: unknown }>(
    `SELECT v.id, (SELECT n.content FROM sequence_versions n WHERE n.sequence_id = v.sequence_id ORDER BY n.number DESC LIMIT 1) AS content
     FROM sequence_versions v WHERE v.id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map<string, CachedVersion>(rows.map((row) => [row.id, { ok: true, content: versionContentSchema.parse(row.content) }]));
}

/** One per process: workers keep it for their lifetime. */
export const sharedVersionCache = new VersionCache();
