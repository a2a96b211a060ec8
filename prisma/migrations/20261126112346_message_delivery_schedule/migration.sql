-- Delivery moves from graphile-worker jobs into a claim loop on the message rows themselves
-- (lib/engine/deliver-messages.ts): a queued message is due when next_attempt_at <= now.
-- The column is added without a default first so existing rows stay NULL (no table rewrite);
-- only the queued ones get a schedule: due at once.
ALTER TABLE "messages" ADD COLUMN "next_attempt_at" TIMESTAMPTZ(3);
UPDATE "messages" SET "next_attempt_at" = "created_at" WHERE "status" = 'queued';
ALTER TABLE "messages" ALTER COLUMN "next_attempt_at" SET DEFAULT CURRENT_TIMESTAMP;

-- A queued message always has a schedule and a settled one never has: nothing queued can be
-- invisible to the delivery claim.
ALTER TABLE "messages" ADD CONSTRAINT "messages_next_attempt_iff_queued"
  CHECK (("status" = 'queued') = ("next_attempt_at" IS NOT NULL));

-- What the delivery loop claims from: queued messages in due order.
CREATE INDEX "messages_due" ON "messages" ("next_attempt_at") WHERE "status" = 'queued';

-- The old delivery jobs are no longer run by anyone: the messages they carried are queued
-- above. graphile-worker's schema is installed after these migrations, so it may not exist yet.
DO $$
BEGIN
  IF to_regclass('graphile_worker._private_jobs') IS NOT NULL THEN
    DELETE FROM graphile_worker._private_jobs j
    USING graphile_worker._private_tasks t
    WHERE t.id = j.task_id AND t.identifier = 'deliver_messages';
  END IF;
END $$;
