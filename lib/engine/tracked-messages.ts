import { publicUrl, trackingUrl } from "@/lib/config/public-url";
import { signingKey } from "@/lib/config/signing-key";
import { signToken } from "@/lib/domain/signed-token";
import { tracksEngagement } from "@/lib/domain/steps";
import { trackEmail, type TrackedEmail } from "@/lib/domain/tracked-email";
import type { OutgoingMessageRow } from "@/lib/store/messages";
import type { Sql } from "@/lib/store/sql";
import { sharedVersionCache } from "@/lib/store/versions";

/**
 * The tracked form of each claimed email whose pinned version tracks engagement (setting
 * trackEngagement, absent = on): links rewritten to signed click URLs, an open pixel in the HTML
 * part. SMS and untracked versions are absent from the map and go out as rendered.
 */
export async function trackedEmails(sql: Sql, rows: readonly OutgoingMessageRow[]): Promise<Map<string, TrackedEmail>> {
  const emails = rows.filter((r) => r.channel === "email");
  const out = new Map<string, TrackedEmail>();
  if (emails.length === 0) return out;
  const versions = await sharedVersionCache.load(
    sql,
    emails.map((r) => r.sequence_version_id),
  );
  const base = trackingUrl();
  const own = `${publicUrl()}/`;
  const key = signingKey();
  for (const row of emails) {
    const version = versions.get(row.sequence_version_id);
    if (!version?.ok || !tracksEngagement(version.content.settings)) continue;
    out.set(
      row.id,
      trackEmail(row.body, {
        openUrl: `${base}/t/o/${signToken(key, "open", { m: row.id })}`,
        clickUrl: (position) => `${base}/t/c/${signToken(key, "click", { m: row.id, l: position })}`,
        ownPrefix: own,
      }),
    );
  }
  return out;
}
