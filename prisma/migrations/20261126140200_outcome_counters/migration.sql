-- Outcome counters written by lib/store (issue "Outcomes per version") and engagement tracking.

-- First human open / click of a message: what makes an open "unique" (set once, by the tracking flush).
ALTER TABLE "messages" ADD COLUMN "first_opened_at" TIMESTAMPTZ(3);
ALTER TABLE "messages" ADD COLUMN "first_clicked_at" TIMESTAMPTZ(3);

-- The links of a delivered, tracked email, by position: a click token names (message, position)
-- and redirects only to the URL stored here, never to a URL taken from the request.
CREATE TABLE "message_links" (
    "message_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "url" TEXT NOT NULL,

    CONSTRAINT "message_links_pkey" PRIMARY KEY ("message_id","position")
);
ALTER TABLE "message_links" ADD CONSTRAINT "message_links_message_id_fkey"
    FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The one definition of which counters a timeline row moves: (version, step key, metric, delta).
-- lib/store calls it in the statement that inserts the rows (set-based, one upsert per statement)
-- and the backfill below runs it over every existing row, so counters and raw rows agree by
-- construction. Metric names: lib/domain/outcome-metrics.ts.
--   * enrollment level (step ''): enrolled, completed, failed, exited + exited:<reason>;
--   * per step, at the row's own version and step: delivered (message_sent), delivery_failed
--     (message_failed), task_created, task_completed, step_skipped, opened/opened_unique/
--     opened_machine, clicked/clicked_unique/clicked_machine;
--   * replied, unsubscribed, bounced: the version and step of the enrollment's last message sent
--     before the response (a reply answers that message, even after a migration), else the row's
--     version at the enrollment level;
--   * migrated (when the enrollment moved): migrated_in on the target, migrated_out on the source;
--   * migration_undone takes back what the migration counted (-1), on the day of the undo.
CREATE FUNCTION sequencer_event_outcomes(
    ev_enrollment uuid, ev_version uuid, ev_step text, ev_type "EventType", ev_detail jsonb, ev_at timestamptz
) RETURNS TABLE (version_id uuid, step_key text, metric text, delta integer)
LANGUAGE sql STABLE AS $$
  SELECT ev_version, ''::text, m, 1 FROM unnest(CASE ev_type
      WHEN 'enrolled' THEN ARRAY['enrolled']
      WHEN 'completed' THEN ARRAY['completed']
      WHEN 'failed' THEN ARRAY['failed']
      WHEN 'exited' THEN ARRAY['exited', 'exited:' || coalesce(ev_detail->>'reason', 'unknown')]
      ELSE ARRAY[]::text[] END) AS m
  UNION ALL
  SELECT ev_version, coalesce(ev_step, ''), m, 1 FROM unnest(CASE ev_type
      WHEN 'message_sent' THEN ARRAY['delivered']
      WHEN 'message_failed' THEN ARRAY['delivery_failed']
      WHEN 'task_created' THEN ARRAY['task_created']
      WHEN 'task_completed' THEN ARRAY['task_completed']
      WHEN 'step_skipped' THEN ARRAY['step_skipped']
      WHEN 'message_opened' THEN CASE
        WHEN (ev_detail->>'machine')::boolean THEN ARRAY['opened_machine']
        WHEN (ev_detail->>'unique')::boolean THEN ARRAY['opened', 'opened_unique']
        ELSE ARRAY['opened'] END
      WHEN 'link_clicked' THEN CASE
        WHEN (ev_detail->>'machine')::boolean THEN ARRAY['clicked_machine']
        WHEN (ev_detail->>'unique')::boolean THEN ARRAY['clicked', 'clicked_unique']
        ELSE ARRAY['clicked'] END
      ELSE ARRAY[]::text[] END) AS m
  UNION ALL
  SELECT coalesce(last.version_id, ev_version), coalesce(last.step_key, ''), ev_type::text, 1
  FROM (SELECT 1) AS one
  LEFT JOIN LATERAL (
    SELECT m.sequence_version_id AS version_id, m.step_key FROM messages m
    WHERE m.enrollment_id = ev_enrollment AND m.sent_at <= ev_at
    ORDER BY m.sent_at DESC, m.id DESC LIMIT 1
  ) AS last ON TRUE
  WHERE ev_type IN ('replied', 'unsubscribed', 'bounced')
  UNION ALL
  SELECT x.v, ''::text, x.metric, 1
  FROM (VALUES ((ev_detail->>'toVersionId')::uuid, 'migrated_in'), ((ev_detail->>'fromVersionId')::uuid, 'migrated_out')) AS x(v, metric)
  WHERE ev_type = 'migrated' AND ev_version = (ev_detail->>'toVersionId')::uuid
    AND ev_version IS DISTINCT FROM (ev_detail->>'fromVersionId')::uuid
  UNION ALL
  SELECT x.v, ''::text, x.metric, -1
  FROM enrollment_migrations em
  CROSS JOIN LATERAL (VALUES
    (em.to_version_id, 'migrated_in', ev_detail->>'outcome' IN ('moved', 'completed')),
    (em.from_version_id, 'migrated_out', ev_detail->>'outcome' IN ('moved', 'completed')),
    (em.to_version_id, 'completed', ev_detail->>'outcome' = 'completed'),
    (em.from_version_id, 'exited', ev_detail->>'outcome' = 'exited'),
    (em.from_version_id, 'exited:migration', ev_detail->>'outcome' = 'exited')
  ) AS x(v, metric, applies)
  WHERE ev_type = 'migration_undone' AND em.id = (ev_detail->>'migrationId')::uuid AND x.applies
$$;

-- Backfill: every existing database (the demo data, the large seed) starts with counters equal
-- to its raw rows. `sent` counts messages created; everything else comes from the timeline.
DELETE FROM "outcome_counts";
INSERT INTO "outcome_counts" ("sequence_id", "sequence_version_id", "step_key", "day", "metric", "count")
SELECT v.sequence_id, d.version_id, d.step_key, d.day, d.metric, sum(d.delta)
FROM (
  SELECT o.version_id, o.step_key, (ev.at AT TIME ZONE 'UTC')::date AS day, o.metric, o.delta
  FROM enrollment_events ev
  CROSS JOIN LATERAL sequencer_event_outcomes(ev.enrollment_id, ev.sequence_version_id, ev.step_key, ev.type, ev.detail, ev.at) o
  WHERE ev.type IN ('enrolled', 'completed', 'failed', 'exited', 'message_sent', 'message_failed', 'task_created',
                    'task_completed', 'step_skipped', 'message_opened', 'link_clicked', 'replied', 'unsubscribed',
                    'bounced', 'migrated', 'migration_undone')
  UNION ALL
  SELECT m.sequence_version_id, m.step_key, (m.created_at AT TIME ZONE 'UTC')::date, 'sent', 1 FROM messages m
) d
JOIN sequence_versions v ON v.id = d.version_id
GROUP BY v.sequence_id, d.version_id, d.step_key, d.day, d.metric
HAVING sum(d.delta) <> 0;
