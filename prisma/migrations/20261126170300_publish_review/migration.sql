-- Review before publish (four-eyes) and in-app notifications (issue 15).

-- CreateEnum
CREATE TYPE "ReviewPolicy" AS ENUM ('off', 'always', 'structural_or_over_n');

-- CreateEnum
CREATE TYPE "ReviewStatus" AS ENUM ('open', 'approved', 'changes_requested', 'withdrawn', 'stale', 'published');

-- The organisation's policy: off by default, so existing installs publish as before.
ALTER TABLE "organization_settings" ADD COLUMN "review_policy" "ReviewPolicy" NOT NULL DEFAULT 'off',
ADD COLUMN "review_threshold" INTEGER NOT NULL DEFAULT 100,
ADD CONSTRAINT "organization_settings_review_threshold" CHECK ("review_threshold" >= 0 AND "review_threshold" <= 10000000);

-- CreateTable
CREATE TABLE "publish_reviews" (
    "id" UUID NOT NULL DEFAULT sequencer_uuidv7(),
    "sequence_id" UUID NOT NULL,
    "draft_revision" INTEGER NOT NULL,
    "content_hash" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "requested_by_id" UUID NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "status" "ReviewStatus" NOT NULL DEFAULT 'open',
    "decided_by_id" UUID,
    "decided_at" TIMESTAMPTZ(3),
    "published_version_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "publish_reviews_pkey" PRIMARY KEY ("id"),
    -- Four eyes, in the database too: whoever approves or sends back is not the author.
    CONSTRAINT "publish_reviews_not_self_decided" CHECK ("decided_by_id" IS NULL OR "decided_by_id" <> "requested_by_id")
);

-- CreateTable
CREATE TABLE "publish_review_comments" (
    "id" UUID NOT NULL DEFAULT sequencer_uuidv7(),
    "review_id" UUID NOT NULL,
    "author_id" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "publish_review_comments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notifications" (
    "id" UUID NOT NULL DEFAULT sequencer_uuidv7(),
    "user_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "link" TEXT NOT NULL,
    "read_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "publish_reviews_sequence_id_created_at_idx" ON "publish_reviews"("sequence_id", "created_at");

-- CreateIndex
CREATE INDEX "publish_review_comments_review_id_created_at_idx" ON "publish_review_comments"("review_id", "created_at");

-- CreateIndex
CREATE INDEX "notifications_user_id_created_at_idx" ON "notifications"("user_id", "created_at");

-- At most one open request per sequence (a new request for a newer draft marks the old one stale first).
CREATE UNIQUE INDEX "publish_reviews_one_open" ON "publish_reviews"("sequence_id") WHERE "status" = 'open';

-- The bell's unread count.
CREATE INDEX "notifications_unread" ON "notifications"("user_id") WHERE "read_at" IS NULL;

-- AddForeignKey
ALTER TABLE "publish_reviews" ADD CONSTRAINT "publish_reviews_sequence_id_fkey" FOREIGN KEY ("sequence_id") REFERENCES "sequences"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "publish_reviews" ADD CONSTRAINT "publish_reviews_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "publish_reviews" ADD CONSTRAINT "publish_reviews_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "publish_reviews" ADD CONSTRAINT "publish_reviews_published_version_id_fkey" FOREIGN KEY ("published_version_id") REFERENCES "sequence_versions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "publish_review_comments" ADD CONSTRAINT "publish_review_comments_review_id_fkey" FOREIGN KEY ("review_id") REFERENCES "publish_reviews"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "publish_review_comments" ADD CONSTRAINT "publish_review_comments_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Comments are a record of the discussion: the runtime role may add, never rewrite or remove.
REVOKE UPDATE, DELETE, TRUNCATE ON "publish_review_comments" FROM sequencer_runtime;
