import { EVENT_RETURNING, eventDeltas, upsertCounts } from "./outcome-counts";
import type { Sql } from "./sql";

/** One tracking request (pixel fetch or link click), already verified by its signed token. */
export type EngagementHit = {
  kind: "open" | "click";
  messageId: string;
  /** The link's position (clicks); null for opens. */
  position: number | null;
  at: Date;
  /** The user agent is a known proxy, scanner or bot. */
  uaMachine: boolean;
  /** Coarse user-agent class kept on the event (lib/domain/user-agent-class.ts). */
  uaClass: string;
};

/** Per hit, in order: the stored URL of the clicked link (null if none) and whether an event was written. */
export type EngagementResult = { url: string | null; recorded: boolean };

// A whole group-commit batch in ONE statement (so one transaction): the messages are locked
// (FOR UPDATE returns their latest first_opened_at/first_clicked_at even when another app server
// just set them), each hit is checked (message sent, not older than the retention window, link
// position stored), flagged as machine (proxy/scanner user agent, or within the machine window
// after delivery), the first human open/click of each message marked unique and stamped on the
// message, the events inserted and their counters upserted once. Returns every hit with its URL.
const RECORD = `
  WITH input AS (
    SELECT * FROM unnest($1::int[], $2::text[], $3::uuid[], $4::int[], $5::timestamptz[], $6::bool[], $7::text[])
      AS u(idx, kind, message_id, position, at, ua_machine, ua_class)
  ), locked AS (
    SELECT m.id, m.enrollment_id, m.sequence_version_id, m.step_key, m.sent_at, m.first_opened_at, m.first_clicked_at
    FROM messages m WHERE m.id IN (SELECT message_id FROM input)
    ORDER BY m.id
    FOR NO KEY UPDATE
  ), joined AS (
    SELECT i.idx, i.kind, i.message_id, i.position, i.at, i.ua_class, l.url,
           m.enrollment_id, m.sequence_version_id, m.step_key,
           (i.ua_machine OR i.at < m.sent_at + make_interval(secs => $8::int)) AS machine,
           (m.sent_at IS NOT NULL AND i.at <= m.sent_at + make_interval(days => $9::int)
             AND (i.kind = 'open' OR l.url IS NOT NULL)) AS recordable,
           CASE i.kind WHEN 'open' THEN m.first_opened_at IS NULL ELSE m.first_clicked_at IS NULL END AS none_yet
    FROM input i
    JOIN locked m ON m.id = i.message_id
    LEFT JOIN message_links l ON i.kind = 'click' AND l.message_id = i.message_id AND l.position = i.position
  ), firsts AS (
    SELECT DISTINCT ON (message_id, kind) idx, message_id, kind, at
    FROM joined WHERE recordable AND NOT machine AND none_yet
    ORDER BY message_id, kind, at, idx
  ), stamped AS (
    UPDATE messages m
    SET first_opened_at = coalesce(m.first_opened_at, f.opened), first_clicked_at = coalesce(m.first_clicked_at, f.clicked)
    FROM (SELECT message_id, min(at) FILTER (WHERE kind = 'open') AS opened, min(at) FILTER (WHERE kind = 'click') AS clicked
          FROM firsts GROUP BY message_id) f
    WHERE m.id = f.message_id
  ), events AS (
    INSERT INTO enrollment_events (enrollment_id, sequence_version_id, step_key, type, detail, at)
    SELECT j.enrollment_id, j.sequence_version_id, j.step_key,
           (CASE j.kind WHEN 'open' THEN 'message_opened' ELSE 'link_clicked' END)::"EventType",
           jsonb_build_object('messageId', j.message_id, 'machine', j.machine,
                              'unique', j.idx IN (SELECT idx FROM firsts), 'userAgent', j.ua_class)
             || CASE WHEN j.kind = 'click' THEN jsonb_build_object('link', j.position) ELSE '{}'::jsonb END,
           j.at
    FROM joined j WHERE j.recordable
    ${EVENT_RETURNING}
  ), counted AS (${upsertCounts(eventDeltas("events"))})
  SELECT i.idx, j.url, coalesce(j.recordable, false) AS recorded
  FROM input i LEFT JOIN joined j ON j.idx = i.idx`;

/**
 * Records a batch of tracking hits (the group commit's one statement): `machineWindowSeconds`
 * after delivery everything is a machine; hits on messages sent more than `retentionDays` ago
 * record nothing (a click still gets its stored URL back).
 */
export async function recordEngagement(
  sql: Sql,
  hits: readonly EngagementHit[],
  options: { machineWindowSeconds: number; retentionDays: number },
): Promise<EngagementResult[]> {
  if (hits.length === 0) return [];
  const rows = await sql.query<{ idx: number; url: string | null; recorded: boolean }>(RECORD, [
    hits.map((_, i) => i),
    hits.map((h) => h.kind),
    hits.map((h) => h.messageId),
    hits.map((h) => h.position),
    hits.map((h) => h.at),
    hits.map((h) => h.uaMachine),
    hits.map((h) => h.uaClass),
    options.machineWindowSeconds,
    options.retentionDays,
  ]);
  const out: EngagementResult[] = hits.map(() => ({ url: null, recorded: false }));
  for (const row of rows) out[row.idx] = { url: row.url, recorded: row.recorded };
  return out;
}
