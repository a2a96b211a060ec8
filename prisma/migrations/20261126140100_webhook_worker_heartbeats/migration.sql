-- graphile-worker ids of running worker processes and their last heartbeat. A worker whose
-- heartbeat is older than WEBHOOK_WORKER_DEAD_AFTER_MS is dead (SIGKILL, lost machine): another
-- worker releases its webhook job and queue locks (graphile_worker.force_unlock_workers) instead
-- of waiting the 4 hours graphile-worker 0.17 would (lib/engine/webhooks/worker-heartbeat.ts).
CREATE TABLE "webhook_worker_heartbeats" (
    "worker_id" TEXT NOT NULL,
    "beat_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_worker_heartbeats_pkey" PRIMARY KEY ("worker_id")
);
