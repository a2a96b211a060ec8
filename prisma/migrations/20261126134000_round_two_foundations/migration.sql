-- Shared foundations for round two, so the features built on them (time zones, send windows,
-- lint, tracking, outcomes) start from one schema instead of five competing ones.

-- New timeline event types: engagement (tracking) and a step skipped for a missing channel.
ALTER TYPE "EventType" ADD VALUE 'message_opened';
ALTER TYPE "EventType" ADD VALUE 'link_clicked';
ALTER TYPE "EventType" ADD VALUE 'step_skipped';

-- Each contact's IANA time zone (null: the organisation's), each user's display time zone
-- (null: the organisation's).
ALTER TABLE "contacts" ADD COLUMN "time_zone" TEXT;
ALTER TABLE "users" ADD COLUMN "time_zone" TEXT;

-- The organisation's settings: exactly one row (id is always true).
CREATE TABLE "organization_settings" (
    "id" BOOLEAN NOT NULL DEFAULT true,
    "name" TEXT NOT NULL DEFAULT 'Sequencer',
    "time_zone" TEXT NOT NULL DEFAULT 'UTC',
    "postal_address" TEXT NOT NULL DEFAULT '',
    "daily_email_cap" INTEGER,
    "daily_sms_cap" INTEGER,
    "updated_by_id" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organization_settings_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "organization_settings_singleton" CHECK ("id"),
    CONSTRAINT "organization_settings_caps_positive" CHECK (
        ("daily_email_cap" IS NULL OR "daily_email_cap" > 0) AND ("daily_sms_cap" IS NULL OR "daily_sms_cap" > 0)
    )
);
INSERT INTO "organization_settings" ("id") VALUES (true);

ALTER TABLE "organization_settings" ADD CONSTRAINT "organization_settings_updated_by_id_fkey"
    FOREIGN KEY ("updated_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Outcome counters per version, step and UTC day (issue "Outcomes per version"). Written only by
-- lib/store in the same transaction as the event or message change they count, so a funnel is a
-- sum over a few rows instead of a scan of enrollment_events. step_key is '' for
-- enrollment-level metrics (enrolled, completed, exited). Metric names: lib/domain/outcome-metrics.ts.
CREATE TABLE "outcome_counts" (
    "sequence_id" UUID NOT NULL,
    "sequence_version_id" UUID NOT NULL,
    "step_key" TEXT NOT NULL DEFAULT '',
    "day" DATE NOT NULL,
    "metric" TEXT NOT NULL,
    "count" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "outcome_counts_pkey" PRIMARY KEY ("sequence_version_id","step_key","metric","day")
);
CREATE INDEX "outcome_counts_sequence_id_day_idx" ON "outcome_counts"("sequence_id", "day");
ALTER TABLE "outcome_counts" ADD CONSTRAINT "outcome_counts_sequence_id_fkey"
    FOREIGN KEY ("sequence_id") REFERENCES "sequences"("id") ON DELETE RESTRICT ON UPDATE RESTRICT;
ALTER TABLE "outcome_counts" ADD CONSTRAINT "outcome_counts_sequence_version_id_fkey"
    FOREIGN KEY ("sequence_version_id") REFERENCES "sequence_versions"("id") ON DELETE RESTRICT ON UPDATE RESTRICT;
