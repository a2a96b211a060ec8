-- CreateEnum
CREATE TYPE "WebhookDeliveryStatus" AS ENUM ('pending', 'succeeded', 'failed');

-- CreateTable
CREATE TABLE "webhook_endpoints" (
    "id" UUID NOT NULL DEFAULT sequencer_uuidv7(),
    "url" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "event_types" TEXT[],
    "secret" TEXT NOT NULL,
    "previous_secret" TEXT,
    "previous_secret_expires_at" TIMESTAMPTZ(3),
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "disabled_reason" TEXT,
    "disabled_at" TIMESTAMPTZ(3),
    "last_success_at" TIMESTAMPTZ(3),
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_endpoints_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_events" (
    "id" UUID NOT NULL DEFAULT sequencer_uuidv7(),
    "seq" BIGSERIAL NOT NULL,
    "type" TEXT NOT NULL,
    "ordering_key" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_deliveries" (
    "id" UUID NOT NULL DEFAULT sequencer_uuidv7(),
    "endpoint_id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "event_seq" BIGINT NOT NULL,
    "ordering_key" TEXT NOT NULL,
    "status" "WebhookDeliveryStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "round_attempts" INTEGER NOT NULL DEFAULT 0,
    "round_started_at" TIMESTAMPTZ(3),
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_attempt_at" TIMESTAMPTZ(3),
    "last_response_code" INTEGER,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_attempts" (
    "id" UUID NOT NULL DEFAULT sequencer_uuidv7(),
    "delivery_id" UUID NOT NULL,
    "attempt" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "response_code" INTEGER,
    "duration_ms" INTEGER NOT NULL,
    "error" TEXT,
    "response_excerpt" TEXT,

    CONSTRAINT "webhook_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "webhook_events_at_idx" ON "webhook_events"("at");

-- CreateIndex
CREATE INDEX "webhook_deliveries_endpoint_id_event_seq_idx" ON "webhook_deliveries"("endpoint_id", "event_seq");

-- CreateIndex
CREATE UNIQUE INDEX "webhook_deliveries_endpoint_id_event_id_key" ON "webhook_deliveries"("endpoint_id", "event_id");

-- CreateIndex
CREATE INDEX "webhook_attempts_delivery_id_at_idx" ON "webhook_attempts"("delivery_id", "at");

-- AddForeignKey
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoints"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "webhook_events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_attempts" ADD CONSTRAINT "webhook_attempts_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "webhook_deliveries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: the outbox triggers (ARCHITECTURE.md, "Webhooks"). Each change's webhook events
-- are written by the database in the change's own transaction, so a rolled-back change leaves no
-- event and no code path (the store, the runner, services) has to remember to write one. When no
-- enabled endpoint subscribes to a type, the triggers cost one EXISTS on a tiny table.

-- Which enrollment_events become which webhook event types (others are not published).
CREATE FUNCTION webhook_type_of_event(t "EventType") RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE t
    WHEN 'enrolled' THEN 'enrollment.created'
    WHEN 'migrated' THEN 'enrollment.migrated'
    WHEN 'completed' THEN 'enrollment.completed'
    WHEN 'exited' THEN 'enrollment.exited'
    WHEN 'message_sent' THEN 'message.sent'
    WHEN 'message_failed' THEN 'message.failed'
    WHEN 'task_created' THEN 'task.created'
    WHEN 'task_completed' THEN 'task.completed'
  END
$$;

-- Queues (or brings forward) the delivery job of an endpoint. One graphile-worker job per
-- endpoint (job key), in a queue of its own, so an endpoint's deliveries run one job at a time.
CREATE FUNCTION webhook_wake(endpoint uuid, run_at timestamptz DEFAULT now()) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM graphile_worker.add_job(
    'webhook_deliver',
    json_build_object('endpointId', endpoint),
    queue_name := 'webhook:' || endpoint::text,
    run_at := run_at,
    max_attempts := 25,
    job_key := 'webhook:' || endpoint::text
  );
END
$$;

-- Fans the given new events out to every enabled endpoint subscribed to their type and wakes
-- those endpoints' jobs.
CREATE FUNCTION webhook_fan_out(event_ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE endpoints uuid[];
BEGIN
  WITH d AS (
    INSERT INTO webhook_deliveries (endpoint_id, event_id, event_seq, ordering_key)
    SELECT w.id, ev.id, ev.seq, ev.ordering_key
    FROM webhook_events ev
    JOIN webhook_endpoints w ON w.enabled AND ev.type = ANY (w.event_types)
    WHERE ev.id = ANY (event_ids)
    ORDER BY ev.seq
    RETURNING endpoint_id
  )
  SELECT array_agg(DISTINCT endpoint_id) INTO endpoints FROM d;
  PERFORM webhook_wake(e) FROM unnest(endpoints) AS e;
END
$$;

CREATE FUNCTION webhook_events_from_enrollment_events() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ids uuid[];
BEGIN
  IF NOT EXISTS (SELECT 1 FROM webhook_endpoints WHERE enabled) THEN
    RETURN NULL;
  END IF;
  WITH ev AS (
    INSERT INTO webhook_events (type, ordering_key, data, at)
    SELECT t.type, n.enrollment_id::text,
      jsonb_build_object(
        'enrollmentId', n.enrollment_id, 'contactId', e.contact_id, 'sequenceId', e.sequence_id,
        'sequenceVersionId', COALESCE(n.sequence_version_id, e.sequence_version_id),
        'stepKey', n.step_key, 'eventId', n.id, 'detail', n.detail),
      n.at
    FROM new_rows n
    JOIN enrollments e ON e.id = n.enrollment_id
    CROSS JOIN LATERAL (SELECT webhook_type_of_event(n.type) AS type) t
    WHERE t.type IS NOT NULL
      AND EXISTS (SELECT 1 FROM webhook_endpoints w WHERE w.enabled AND t.type = ANY (w.event_types))
    ORDER BY n.enrollment_id, n.at, n.id
    RETURNING id
  )
  SELECT array_agg(id) INTO ids FROM ev;
  IF ids IS NOT NULL THEN
    PERFORM webhook_fan_out(ids);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER enrollment_events_webhooks AFTER INSERT ON enrollment_events
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION webhook_events_from_enrollment_events();

CREATE FUNCTION webhook_events_from_versions() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ids uuid[];
BEGIN
  IF NOT EXISTS (SELECT 1 FROM webhook_endpoints WHERE enabled AND 'version.published' = ANY (event_types)) THEN
    RETURN NULL;
  END IF;
  WITH ev AS (
    INSERT INTO webhook_events (type, ordering_key, data, at)
    SELECT 'version.published', n.sequence_id::text,
      jsonb_build_object(
        'sequenceId', n.sequence_id, 'versionId', n.id, 'number', n.number, 'contentHash', n.content_hash,
        'publishedById', n.published_by_id, 'note', n.note, 'parentVersionId', n.parent_version_id),
      n.published_at
    FROM new_rows n
    ORDER BY n.sequence_id, n.number
    RETURNING id
  )
  SELECT array_agg(id) INTO ids FROM ev;
  PERFORM webhook_fan_out(ids);
  RETURN NULL;
END
$$;

CREATE TRIGGER sequence_versions_webhooks AFTER INSERT ON sequence_versions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION webhook_events_from_versions();

-- UPDATE OF cannot be combined with transition tables, so the trigger compares old and new rows.
CREATE FUNCTION webhook_events_from_contacts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ids uuid[];
BEGIN
  IF NOT EXISTS (SELECT 1 FROM webhook_endpoints WHERE enabled AND 'contact.unsubscribed' = ANY (event_types)) THEN
    RETURN NULL;
  END IF;
  WITH ev AS (
    INSERT INTO webhook_events (type, ordering_key, data, at)
    SELECT 'contact.unsubscribed', n.id::text,
      jsonb_build_object('contactId', n.id, 'email', n.email, 'unsubscribedAt', n.unsubscribed_at),
      n.unsubscribed_at
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE n.unsubscribed_at IS NOT NULL AND o.unsubscribed_at IS NULL
    ORDER BY n.id
    RETURNING id
  )
  SELECT array_agg(id) INTO ids FROM ev;
  IF ids IS NOT NULL THEN
    PERFORM webhook_fan_out(ids);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER contacts_webhooks AFTER UPDATE ON contacts
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION webhook_events_from_contacts();

-- The delivery job picks each ordering key's oldest pending delivery.
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (endpoint_id, ordering_key, event_seq) WHERE status = 'pending';
