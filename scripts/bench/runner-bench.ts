// Step runner throughput: real worker processes (scripts/worker.ts) draining due email steps until
// every message is `sent` through the default (outbox) transport, against a plain SQL loop doing
// the same claims and writes over two connections, measured in the same run.
import path from "node:path";
import pg from "pg";
import { createSequence } from "../../lib/server/sequences/create-sequence";
import { enrollContacts } from "../../lib/server/sequences/enroll-contacts";
import { publishVersion } from "../../lib/server/sequences/publish-version";
import { saveDraft } from "../../lib/server/sequences/save-draft";
import { EVENT_RETURNING, eventDeltas, messageDeltas, upsertCounts } from "../../lib/store/outcome-counts";
import { ROOT } from "../db/schema-engine";
import { insertContacts } from "./enroll-bench";
import { peakRssMb, spawnChild, stopChild, waitUntil, type Child } from "./proc";
import { median } from "./stats";

const PARKED = "now() + interval '100 years'";
const ONE_EMAIL = {
  steps: [
    {
      key: "hello",
      type: "email" as const,
      subject: "Hello {{first_name}}",
      body: "Hi {{first_name}},\n\nA short note from the runner benchmark.\n\nUnsubscribe: {{unsubscribe_url}}",
    },
  ],
  settings: { exitOnReply: true, exitOnUnsubscribe: true },
};

// The same one email with send windows active: a window that is open all the time (so the same
// work is done) and a holiday list, evaluated in each contact's time zone.
const ONE_EMAIL_WINDOWED = {
  steps: ONE_EMAIL.steps,
  settings: {
    ...ONE_EMAIL.settings,
    sendWindow: { weekdays: [1, 2, 3, 4, 5, 6, 7], start: "00:00", end: "24:00" },
    holidays: ["2000-01-01", "2000-12-25"],
  },
};

type Batch = { sequenceId: string; versionId: string };

/** A published one-email sequence with `contactIds` enrolled and parked (not due) until released. */
async function parkedBatch(
  client: pg.Client,
  actorId: string,
  name: string,
  contactIds: string[],
  draft: typeof ONE_EMAIL | typeof ONE_EMAIL_WINDOWED = ONE_EMAIL,
): Promise<Batch> {
  const { id } = await createSequence({ actorId, name, description: "" });
  await saveDraft({ actorId, sequenceId: id, revision: 0, draft });
  const { versionId } = await publishVersion({ actorId, sequenceId: id, note: "bench" });
  const result = await enrollContacts({ actorId, sequenceId: id, contactIds });
  if (result.enrolled !== contactIds.length)
    throw new Error(`expected ${contactIds.length} enrolled, got ${result.enrolled}`);
  await client.query(`UPDATE enrollments SET next_run_at = ${PARKED} WHERE sequence_id = $1`, [id]);
  return { sequenceId: id, versionId };
}

/** Makes a parked batch due in one statement; the clock starts when it has committed. */
async function release(client: pg.Client, batch: Batch): Promise<number> {
  await client.query("UPDATE enrollments SET next_run_at = now() WHERE sequence_id = $1", [batch.sequenceId]);
  return performance.now();
}

// Polled every 25 ms while workers run, so it must cost next to nothing: both tests are index
// lookups (enrollments_sequence_status_id; the queued and failed messages through their partial
// indexes), whatever the size of the messages table. It is true exactly when the count below
// would reach the batch (every enrollment advanced, none of its messages still queued), which
// sentCount then checks once. Polling with sentCount itself (no index on the version: a
// sequential scan of every message, 200,000+ rows by the last rounds, 40 times a second) kept
// one of the machine's two cores busy during the worker rounds only, never during the raw loop.
// `poller` runs with enable_seqscan off: the planner's messages statistics lag behind a round
// (most rows queued at the last analyze), and a sequential scan that stops at the first queued
// row starts with the older rounds' sent messages.
async function settled(client: pg.Client, batch: Batch): Promise<{ done: boolean; failed: boolean }> {
  const { rows } = await client.query<{ done: boolean; failed: boolean }>(
    `SELECT NOT EXISTS (SELECT 1 FROM enrollments WHERE sequence_id = $1 AND status = 'active')
          AND NOT EXISTS (SELECT 1 FROM messages WHERE status = 'queued' AND sequence_version_id = $2) AS done,
            EXISTS (SELECT 1 FROM messages WHERE status = 'failed' AND sequence_version_id = $2) AS failed`,
    [batch.sequenceId, batch.versionId],
  );
  return rows[0]!;
}

async function sentCount(client: pg.Client, batch: Batch): Promise<{ sent: number; failed: number }> {
  const { rows } = await client.query<{ sent: string; failed: string }>(
    `SELECT count(*) FILTER (WHERE status = 'sent') AS sent, count(*) FILTER (WHERE status = 'failed') AS failed
     FROM messages WHERE sequence_version_id = $1`,
    [batch.versionId],
  );
  return { sent: Number(rows[0]!.sent), failed: Number(rows[0]!.failed) };
}

function spawnWorker(url: string): Child {
  // BENCH_WORKER_PROFILE_DIR: each worker writes a V8 CPU profile there (node --cpu-prof).
  const profile = process.env.BENCH_WORKER_PROFILE_DIR;
  return spawnChild(
    process.execPath,
    [
      ...(profile ? ["--cpu-prof", `--cpu-prof-dir=${profile}`] : []),
      "--conditions=react-server",
      "--import",
      "tsx",
      path.join(ROOT, "scripts/worker.ts"),
    ],
    {
      cwd: ROOT,
      // 100 ms poll: an idle worker notices newly due work within 0.1 s (the default is 500 ms).
      env: {
        ...process.env,
        DATABASE_URL: url,
        WORKER_POLL_MS: process.env.BENCH_WORKER_POLL_MS ?? "100",
        NODE_ENV: "production",
        // Production delivery signs tracking links and needs the public URL (lib/config): set both.
        SEQUENCER_PUBLIC_URL: process.env.SEQUENCER_PUBLIC_URL ?? "http://bench.localhost",
        SEQUENCER_SIGNING_SECRET: process.env.SEQUENCER_SIGNING_SECRET ?? "bench-signing-secret-not-for-production",
      },
    },
  );
}

/** Starts `workers` processes, releases each batch in turn and times it until every message is sent. */
async function workerRounds(client: pg.Client, url: string, workers: number, batches: Batch[], count: number) {
  const procs = Array.from({ length: workers }, () => spawnWorker(url));
  const rates: number[] = [];
  let rss = 0;
  const poller = new pg.Client({ connectionString: url, options: "-c enable_seqscan=off" });
  await poller.connect();
  try {
    await waitUntil(() => procs.every((p) => p.output().includes("running")), "the workers to start", 60_000);
    await new Promise((r) => setTimeout(r, 1500)); // idle: graphile-worker and the advance loop settled
    for (const batch of batches) {
      const start = await release(client, batch);
      await waitUntil(
        async () => {
          const state = await settled(poller, batch);
          if (state.failed) throw new Error("messages failed");
          if (procs.some((p) => p.child.exitCode !== null))
            throw new Error(`a worker exited:\n${procs.map((p) => p.output()).join("\n")}`);
          return state.done;
        },
        `${count} messages sent (${workers} workers)`,
        600_000,
        25,
      );
      const elapsed = performance.now() - start;
      const { sent, failed } = await sentCount(client, batch);
      if (sent !== count || failed > 0)
        throw new Error(`${workers} workers sent ${sent} of ${count} (${failed} failed)`);
      rates.push(count / (elapsed / 1000));
      await new Promise((r) => setTimeout(r, 1000));
    }
    rss = Math.max(...procs.map((p) => peakRssMb(p.child.pid!)));
  } finally {
    await poller.end();
    await Promise.all(procs.map((p) => stopChild(p)));
  }
  return { rate: median(rates), rates, rss };
}

/**
 * The database's own limit for the same work: claim 500 due rows with FOR UPDATE SKIP LOCKED,
 * insert the step_executed + completed events and the message, mark it sent with its
 * message_sent event, move the enrollment on; one transaction per batch, `connections` loops.
 * Since outcomes per version (issue 14) the work includes the outcome counters, written in the
 * statements that write what they count with the store's own SQL (lib/store/outcome-counts.ts),
 * and a body as long as the runner's, which carries a signed unsubscribe link.
 */
async function rawLoop(url: string, connections: number): Promise<void> {
  const loop = async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      for (;;) {
        await client.query("BEGIN");
        const { rows } = await client.query<{
          id: string;
          sequence_version_id: string;
          current_step_key: string;
          email: string;
          first_name: string | null;
        }>(
          `SELECT e.id, e.sequence_version_id, e.current_step_key, c.email, c.first_name
           FROM enrollments e JOIN contacts c ON c.id = e.contact_id
           WHERE e.status = 'active' AND e.next_run_at <= now()
           ORDER BY e.next_run_at LIMIT 500
           FOR UPDATE OF e SKIP LOCKED`,
        );
        if (rows.length === 0) {
          await client.query("COMMIT");
          return;
        }
        const ids = rows.map((r) => r.id);
        const versions = rows.map((r) => r.sequence_version_id);
        const keys = rows.map((r) => r.current_step_key);
        await client.query(
          `WITH events AS (
             INSERT INTO enrollment_events (enrollment_id, sequence_version_id, step_key, step_index, type, execution_key, detail, at)
             SELECT u.id, u.v, u.k, 0, 'step_executed'::"EventType", '0:' || u.k, '{"stepType":"email"}'::jsonb, now() FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS u(id, v, k)
             UNION ALL
             SELECT u.id, u.v, NULL, NULL, 'completed'::"EventType", NULL, '{}'::jsonb, now() FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS u(id, v, k)
             ON CONFLICT (enrollment_id, execution_key) DO NOTHING
             ${EVENT_RETURNING}
           ), counted AS (${upsertCounts(eventDeltas("events"))})
           SELECT count(*) FROM events`,
          [ids, versions, keys],
        );
        // The body as long as the runner's: its unsubscribe line carries a signed token (~90 characters).
        const inserted = await client.query<{ id: string }>(
          `WITH inserted AS (
             INSERT INTO messages (enrollment_id, sequence_version_id, step_key, execution_key, channel, "to", subject, body, created_at)
             SELECT u.id, u.v, u.k, '0:' || u.k, 'email', u.email, 'Hello ' || coalesce(u.first_name, ''),
                    'Hi ' || coalesce(u.first_name, '') || E',\n\nA short note from the runner benchmark.\n\nUnsubscribe: http://bench.localhost/u/' || md5(u.id::text) || '.' || md5(u.k || u.id::text),
                    now()
             FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[]) AS u(id, v, k, email, first_name)
             ON CONFLICT (enrollment_id, execution_key) DO NOTHING RETURNING id, sequence_version_id, step_key, created_at
           ), counted AS (${upsertCounts(messageDeltas("inserted"))})
           SELECT id FROM inserted`,
          [ids, versions, keys, rows.map((r) => r.email), rows.map((r) => r.first_name)],
        );
        await client.query(
          `UPDATE enrollments e SET current_step_index = 1, current_step_key = NULL, next_run_at = NULL, status = 'completed', finished_at = now(), updated_at = now()
           FROM unnest($1::uuid[]) AS u(id) WHERE e.id = u.id`,
          [ids],
        );
        const sent = await client.query<{
          id: string;
          enrollment_id: string;
          sequence_version_id: string;
          step_key: string;
        }>(
          `UPDATE messages SET status = 'sent', sent_at = now(), attempts = attempts + 1, next_attempt_at = NULL WHERE id = ANY($1::uuid[])
           RETURNING id, enrollment_id, sequence_version_id, step_key`,
          [inserted.rows.map((r) => r.id)],
        );
        await client.query(
          `WITH events AS (
             INSERT INTO enrollment_events (enrollment_id, sequence_version_id, step_key, type, detail, at)
             SELECT u.e, u.v, u.k, 'message_sent'::"EventType", jsonb_build_object('messageId', u.m, 'channel', 'email'), now()
             FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[]) AS u(e, v, k, m)
             ${EVENT_RETURNING}
           ), counted AS (${upsertCounts(eventDeltas("events"))})
           SELECT count(*) FROM events`,
          [
            sent.rows.map((r) => r.enrollment_id),
            sent.rows.map((r) => r.sequence_version_id),
            sent.rows.map((r) => r.step_key),
            sent.rows.map((r) => r.id),
          ],
        );
        await client.query("COMMIT");
      }
    } finally {
      await client.end();
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
}

export async function benchRunner(
  url: string,
  actorId: string,
  options: { count: number; rounds: number; log: (s: string) => void },
) {
  const { count, rounds, log } = options;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Earlier benchmarks and the seed leave enrollments that fall due while we measure: park them
    // so only our batches are due. Only those due within a day (a run is far shorter): parking
    // every active enrollment rewrote millions of rows at the 10M scale.
    await client.query(
      `UPDATE enrollments SET next_run_at = ${PARKED} WHERE status = 'active' AND next_run_at <= now() + interval '1 day'`,
    );
    const prefix = `runner${Date.now()}`;
    await insertContacts(url, count, prefix);
    const contactIds = (
      await client.query<{ id: string }>("SELECT id FROM contacts WHERE email LIKE $1", [`${prefix}-%`])
    ).rows.map((r) => r.id);
    // Contacts in a real zone, so the windowed rounds do the local-time work for every row.
    await client.query("UPDATE contacts SET time_zone = 'America/New_York' WHERE email LIKE $1", [`${prefix}-%`]);
    const make = async (label: string, draft = ONE_EMAIL) => {
      const list: Batch[] = [];
      for (let i = 0; i < rounds; i++)
        list.push(await parkedBatch(client, actorId, `Bench runner ${label} ${i + 1}`, contactIds, draft));
      return list;
    };
    const [one, two, raw] = [await make("1w"), await make("2w"), await make("raw")];
    const windowed = await make("2w windows", ONE_EMAIL_WINDOWED);
    await client.query("VACUUM ANALYZE enrollments");
    log(`runner: ${4 * rounds} batches of ${count} parked`);

    // Paired rounds: round i runs the raw loop, then 1 worker, 2 workers and 2 workers with windows,
    // back to back, and each ratio is the median of the per-round ratios. On a shared 2-core machine
    // the load moves within minutes; measuring all of one side first, then all of the other, put
    // whole sides under different loads (runner_vs_raw read 0.52 to 0.65 across runs of one commit).
    const rawRates: number[] = [];
    const w1: Awaited<ReturnType<typeof workerRounds>>[] = [];
    const w2: Awaited<ReturnType<typeof workerRounds>>[] = [];
    const w2Windows: Awaited<ReturnType<typeof workerRounds>>[] = [];
    for (let i = 0; i < rounds; i++) {
      const start = await release(client, raw[i]!);
      await rawLoop(url, 2);
      rawRates.push(count / ((performance.now() - start) / 1000));
      const { sent } = await sentCount(client, raw[i]!);
      if (sent !== count) throw new Error(`raw loop sent ${sent} of ${count}`);
      w1.push(await workerRounds(client, url, 1, [one[i]!], count));
      w2.push(await workerRounds(client, url, 2, [two[i]!], count));
      w2Windows.push(await workerRounds(client, url, 2, [windowed[i]!], count));
      log(
        `runner round ${i + 1}: raw ${Math.round(rawRates[i]!)}/s, 1 worker ${Math.round(w1[i]!.rate)}/s, ` +
          `2 workers ${Math.round(w2[i]!.rate)}/s, 2 workers with windows ${Math.round(w2Windows[i]!.rate)}/s`,
      );
    }
    const rates = (list: { rate: number }[]) => list.map((r) => r.rate);
    const ratios = (a: number[], b: number[]) => a.map((x, i) => x / b[i]!);
    return {
      runner_exec_per_s_1w: median(rates(w1)),
      runner_exec_per_s_2w: median(rates(w2)),
      runner_raw_per_s: median(rawRates),
      runner_vs_raw: median(ratios(rates(w2), rawRates)),
      runner_exec_per_s_2w_windows: median(rates(w2Windows)),
      runner_windows_vs_plain: median(ratios(rates(w2Windows), rates(w2))),
      rss_peak_mb_worker: Math.max(...w1.map((r) => r.rss), ...w2.map((r) => r.rss)),
    };
  } finally {
    await client.end();
  }
}
