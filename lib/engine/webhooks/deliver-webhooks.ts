import type pg from "pg";
import type { WebhookNetworkPolicy } from "@/lib/domain/webhook-address";
import { nextWebhookDelay, WEBHOOK_BACKOFF_MS } from "@/lib/domain/webhook-backoff";
import { webhookBody } from "@/lib/domain/webhook-events";
import { liveSecrets, webhookHeaders } from "@/lib/domain/webhook-signature";
import { nodeSignWebhook } from "./node-signer";
import { withTransaction } from "../pool";
import type { WebhookAgents } from "./guarded-agent";
import { sendWebhook, type AttemptResult } from "./send-webhook";

export type WebhookDeliveryOptions = {
  pool: pg.Pool;
  agents: WebhookAgents;
  policy: WebhookNetworkPolicy;
  /** Delays between attempts; tests pass milliseconds. */
  backoff?: readonly number[];
  /** Deliveries looked at per job run. */
  batchSize?: number;
  /** Ordering keys delivered at once (each key's events go one after another). */
  concurrency?: number;
  timeoutMs?: number;
};

type EndpointRow = {
  id: string;
  url: string;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
  enabled: boolean;
};

type DueRow = {
  id: string;
  event_id: string;
  ordering_key: string;
  attempts: number;
  round_attempts: number;
  type: string;
  at: Date;
  data: unknown;
};

type Outcome = { row: DueRow; result: AttemptResult; at: Date; roundAttempts: number; next: Date | null };

export type EndpointRunResult = { attempted: number; succeeded: number; gaveUp: number; disabled: boolean };

// Each ordering key's oldest pending delivery is its head; a key is due when its head is. A due
// key's pending deliveries go out in event order, one at a time, and the first failure stops the
// key until its backoff has passed, so a receiver never sees an enrollment's events out of order.
const DUE = `
  WITH heads AS (
    SELECT DISTINCT ON (ordering_key) ordering_key, next_attempt_at, event_seq
    FROM webhook_deliveries
    WHERE endpoint_id = $1 AND status = 'pending'
    ORDER BY ordering_key, event_seq
  ), due AS (
    SELECT ordering_key FROM heads WHERE next_attempt_at <= $2 ORDER BY event_seq LIMIT $3
  )
  SELECT d.id, d.event_id, d.ordering_key, d.attempts, d.round_attempts, ev.type, ev.at, ev.data
  FROM webhook_deliveries d
  JOIN due USING (ordering_key)
  JOIN webhook_events ev ON ev.id = d.event_id
  WHERE d.endpoint_id = $1 AND d.status = 'pending'
  ORDER BY d.event_seq
  LIMIT $3`;

const NEXT_DUE = `
  SELECT min(next_attempt_at) AS next FROM (
    SELECT DISTINCT ON (ordering_key) next_attempt_at
    FROM webhook_deliveries
    WHERE endpoint_id = $1 AND status = 'pending'
    ORDER BY ordering_key, event_seq
  ) heads`;

/**
 * One run of an endpoint's delivery job: sends what is due, records every attempt, schedules the
 * next run. graphile-worker runs one job per endpoint at a time (a queue per endpoint).
 */
export async function deliverEndpoint(
  options: WebhookDeliveryOptions & { endpointId: string },
): Promise<EndpointRunResult> {
  const { pool, endpointId } = options;
  const schedule = options.backoff ?? WEBHOOK_BACKOFF_MS;
  const empty = { attempted: 0, succeeded: 0, gaveUp: 0, disabled: false };
  const endpoint = (
    await pool.query<EndpointRow>(
      `SELECT id, url, secret, previous_secret, previous_secret_expires_at, enabled FROM webhook_endpoints WHERE id = $1`,
      [endpointId],
    )
  ).rows[0];
  if (!endpoint?.enabled) return empty;

  const batchSize = options.batchSize ?? 1000;
  const due = (await pool.query<DueRow>(DUE, [endpointId, new Date(), batchSize])).rows;
  const chains = new Map<string, DueRow[]>();
  for (const row of due) {
    const chain = chains.get(row.ordering_key);
    if (chain) chain.push(row);
    else chains.set(row.ordering_key, [row]);
  }

  const outcomes: Outcome[] = [];
  const queue = [...chains.values()];
  const deliverChain = async (chain: DueRow[]) => {
    for (const row of chain) {
      const now = new Date();
      const body = webhookBody(row);
      const secrets = liveSecrets({
        secret: endpoint.secret,
        previousSecret: endpoint.previous_secret,
        previousSecretExpiresAt: endpoint.previous_secret_expires_at,
        now,
      });
      const headers = webhookHeaders({
        id: row.event_id,
        timestampSeconds: Math.floor(now.getTime() / 1000),
        body,
        secrets,
        sign: nodeSignWebhook,
      });
      const result = await sendWebhook({
        url: endpoint.url,
        headers,
        body,
        agents: options.agents,
        policy: options.policy,
        timeoutMs: options.timeoutMs,
      });
      const roundAttempts = row.round_attempts + 1;
      const delay = result.ok ? null : nextWebhookDelay(roundAttempts, schedule);
      const next = delay === null ? null : new Date(now.getTime() + delay);
      outcomes.push({ row, result, at: now, roundAttempts, next });
      if (!result.ok) return;
    }
  };
  const lanes = Array.from({ length: Math.min(options.concurrency ?? 50, queue.length) }, async () => {
    for (let chain = queue.shift(); chain; chain = queue.shift()) await deliverChain(chain);
  });
  await Promise.all(lanes);

  return withTransaction(pool, async (client) => {
    const result = await recordOutcomes(client, endpointId, outcomes);
    const full = due.length >= batchSize;
    const next = (await client.query<{ next: Date | null }>(NEXT_DUE, [endpointId])).rows[0]?.next ?? null;
    if (!result.disabled && next) {
      // Nothing sent this run but something due: wait a second rather than spin.
      const soonest = full || outcomes.length > 0 ? new Date() : new Date(Date.now() + 1000);
      await client.query(`SELECT webhook_wake($1::uuid, $2::timestamptz)`, [
        endpointId,
        next > soonest ? next : soonest,
      ]);
    }
    return result;
  });
}

async function recordOutcomes(
  client: pg.PoolClient,
  endpointId: string,
  outcomes: Outcome[],
): Promise<EndpointRunResult> {
  if (outcomes.length === 0) return { attempted: 0, succeeded: 0, gaveUp: 0, disabled: false };
  const col = <T>(f: (o: Outcome) => T) => outcomes.map(f);
  await client.query(
    `INSERT INTO webhook_attempts (delivery_id, attempt, at, response_code, duration_ms, error, response_excerpt)
     SELECT * FROM unnest($1::uuid[], $2::int[], $3::timestamptz[], $4::int[], $5::int[], $6::text[], $7::text[])`,
    [
      col((o) => o.row.id),
      col((o) => o.row.attempts + 1),
      col((o) => o.at),
      col((o) => o.result.responseCode),
      col((o) => o.result.durationMs),
      col((o) => o.result.error),
      col((o) => o.result.responseExcerpt),
    ],
  );
  const { rows: updated } = await client.query<{ status: string; round_started_at: Date }>(
    `UPDATE webhook_deliveries d
     SET status = (CASE WHEN r.ok THEN 'succeeded' WHEN r.next IS NULL THEN 'failed' ELSE 'pending' END)::"WebhookDeliveryStatus",
         attempts = d.attempts + 1, round_attempts = r.round, round_started_at = COALESCE(d.round_started_at, r.at),
         next_attempt_at = COALESCE(r.next, d.next_attempt_at), last_attempt_at = r.at,
         last_response_code = r.code, last_error = r.error
     FROM unnest($1::uuid[], $2::boolean[], $3::int[], $4::timestamptz[], $5::timestamptz[], $6::int[], $7::text[])
       AS r(id, ok, round, at, next, code, error)
     WHERE d.id = r.id AND d.status = 'pending'
     RETURNING d.status::text AS status, d.round_started_at`,
    [
      col((o) => o.row.id),
      col((o) => o.result.ok),
      col((o) => o.roundAttempts),
      col((o) => o.at),
      col((o) => o.next),
      col((o) => o.result.responseCode),
      col((o) => o.result.error),
    ],
  );
  const succeeded = outcomes.filter((o) => o.result.ok);
  if (succeeded.length > 0)
    await client.query(
      `UPDATE webhook_endpoints SET last_success_at = GREATEST(last_success_at, $2::timestamptz) WHERE id = $1`,
      [endpointId, succeeded[succeeded.length - 1]!.at],
    );
  const gaveUp = updated.filter((u) => u.status === "failed");
  let disabled = false;
  if (gaveUp.length > 0) {
    // An event used up its whole ~24 h schedule and nothing succeeded since its first attempt: the
    // endpoint has been failing for a day. Stop sending (pending deliveries wait) and say why.
    const since = new Date(Math.min(...gaveUp.map((g) => g.round_started_at.getTime())));
    const last = outcomes.filter((o) => !o.result.ok && o.next === null).at(-1);
    const reason = `Disabled automatically: every attempt since ${since.toISOString()} failed (last error: ${
      last?.result.error ?? "unknown"
    }).`;
    const { rowCount } = await client.query(
      `UPDATE webhook_endpoints SET enabled = false, disabled_reason = $2, disabled_at = now(), updated_at = now()
       WHERE id = $1 AND enabled AND (last_success_at IS NULL OR last_success_at < $3::timestamptz)`,
      [endpointId, reason.slice(0, 1000), since],
    );
    disabled = (rowCount ?? 0) > 0;
  }
  return { attempted: outcomes.length, succeeded: succeeded.length, gaveUp: gaveUp.length, disabled };
}
