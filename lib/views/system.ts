// What the System page and /api/metrics show (type-only; see lib/views/enrollments.ts).

export type WorkerHeartbeatView = {
  id: string;
  host: string;
  pid: number;
  version: string;
  startedAt: string;
  beatAt: string;
  stoppedAt: string | null;
  /** Seconds since the last beat (database clock). */
  silentSeconds: number;
  alive: boolean;
  steps: number;
  messagesSent: number;
  messagesFailed: number;
};

export type SystemFigures = {
  /** Database clock at the time of the read (ISO). */
  at: string;
  dueEnrollments: number;
  /** Age of the oldest due enrollment in seconds (runner lag); 0 when nothing is due. */
  oldestDueSeconds: number;
  queuedMessages: number;
  dueMessages: number;
  retryingMessages: number;
  pendingWebhookDeliveries: number;
  /** Totals over every worker heartbeat row (each worker's counts since it started). */
  workerTotals: {
    batches: number;
    batchSeconds: number;
    steps: number;
    messagesSent: number;
    messagesFailed: number;
    messagesRetried: number;
    webhooksDelivered: number;
    webhooksFailed: number;
  };
  workersAlive: number;
  workers: WorkerHeartbeatView[];
};
