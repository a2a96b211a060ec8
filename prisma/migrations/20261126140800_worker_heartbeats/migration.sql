-- Running it in production (issue 18).

-- One row per worker process: written by the worker every few seconds (WORKER_HEARTBEAT_MS), read
-- by the System page and /api/metrics. The counters are the process's totals since it started, so
-- the app (which cannot read a worker's memory) can sum them; a restarted worker starts a new row.
-- Rows not beaten for a day are deleted by the next worker to start.
CREATE TABLE "worker_heartbeats" (
    "id" UUID NOT NULL DEFAULT sequencer_uuidv7(),
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "version" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "beat_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stopped_at" TIMESTAMPTZ(3),
    "batches" BIGINT NOT NULL DEFAULT 0,
    "batch_seconds" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "steps" BIGINT NOT NULL DEFAULT 0,
    "messages_sent" BIGINT NOT NULL DEFAULT 0,
    "messages_failed" BIGINT NOT NULL DEFAULT 0,
    "messages_retried" BIGINT NOT NULL DEFAULT 0,
    "webhooks_delivered" BIGINT NOT NULL DEFAULT 0,
    "webhooks_failed" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "worker_heartbeats_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "worker_heartbeats_beat_at_idx" ON "worker_heartbeats"("beat_at");

-- /api/ready compares the applied migrations with the ones shipped in the build, as the runtime
-- role: it may read (only read) Prisma's bookkeeping table. (Prisma's shadow database, where the
-- schema check replays migrations, has no such table.)
DO $$
BEGIN
    IF to_regclass('public._prisma_migrations') IS NOT NULL THEN
        GRANT SELECT ON "_prisma_migrations" TO sequencer_runtime;
    END IF;
END
$$;
