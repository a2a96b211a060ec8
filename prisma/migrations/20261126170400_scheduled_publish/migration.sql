-- Scheduled publish (issue 15): a publish of one draft revision, bound to its content hash, at a
-- chosen UTC instant. The worker publishes it once (graphile-worker job keyed per schedule plus a
-- row-level scheduled -> published transition inside the publish transaction); a draft change
-- cancels an open schedule whose hash no longer matches. Also two audit_log indexes for the audit
-- page's filters (actor, action) over a time range.
-- CreateEnum
CREATE TYPE "ScheduledPublishStatus" AS ENUM ('scheduled', 'published', 'cancelled', 'failed');

-- CreateTable
CREATE TABLE "scheduled_publishes" (
    "id" UUID NOT NULL DEFAULT sequencer_uuidv7(),
    "sequence_id" UUID NOT NULL,
    "draft_revision" INTEGER NOT NULL,
    "content_hash" TEXT NOT NULL,
    "publish_at" TIMESTAMPTZ(3) NOT NULL,
    "time_zone" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "status" "ScheduledPublishStatus" NOT NULL DEFAULT 'scheduled',
    "reason" TEXT,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cancelled_by_id" UUID,
    "finished_at" TIMESTAMPTZ(3),
    "published_version_id" UUID,

    CONSTRAINT "scheduled_publishes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "scheduled_publishes_sequence_id_created_at_idx" ON "scheduled_publishes"("sequence_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_log_actor_id_at_idx" ON "audit_log"("actor_id", "at");

-- CreateIndex
CREATE INDEX "audit_log_action_at_idx" ON "audit_log"("action", "at");

-- AddForeignKey
ALTER TABLE "scheduled_publishes" ADD CONSTRAINT "scheduled_publishes_sequence_id_fkey" FOREIGN KEY ("sequence_id") REFERENCES "sequences"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scheduled_publishes" ADD CONSTRAINT "scheduled_publishes_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scheduled_publishes" ADD CONSTRAINT "scheduled_publishes_cancelled_by_id_fkey" FOREIGN KEY ("cancelled_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scheduled_publishes" ADD CONSTRAINT "scheduled_publishes_published_version_id_fkey" FOREIGN KEY ("published_version_id") REFERENCES "sequence_versions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- At most one open schedule per sequence, and the worker's sweep finds due ones by time.
CREATE UNIQUE INDEX "scheduled_publishes_one_open" ON "scheduled_publishes"("sequence_id") WHERE "status" = 'scheduled';
CREATE INDEX "scheduled_publishes_due" ON "scheduled_publishes"("publish_at") WHERE "status" = 'scheduled';
