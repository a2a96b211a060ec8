// Webhook delivery throughput: N contact.unsubscribed events (written by the outbox trigger in one
// UPDATE) delivered by the real graphile-worker task to a local keep-alive HTTP receiver, signed,
// with one attempt row each. Env: BENCH_WEBHOOK_EVENTS (default 5000).
import { spawn } from "node:child_process";
import { run } from "graphile-worker";
import pg from "pg";
import { quietLogger } from "../../lib/engine/job-queue";
import { webhookTasks } from "../../lib/engine/webhooks/webhook-task";
import { generateWebhookSecret } from "../../lib/domain/webhook-signature";
import { insertContacts } from "./enroll-bench";

const RECEIVER = `
  const server = require("node:http").createServer((req, res) => {
    req.resume();
    req.on("end", () => { res.statusCode = 204; res.end(); });
  });
  server.keepAliveTimeout = 30000;
  server.listen(0, "127.0.0.1", () => console.log(server.address().port));
`;

export async function benchWebhooks(options: {
  runtimeUrl: string;
  count: number;
  log: (s: string) => void;
}): Promise<Record<string, number>> {
  // The receiver runs in a process of its own, as a real one would (not on the sender's event loop).
  const receiver = spawn(process.execPath, ["-e", RECEIVER], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve, reject) => {
    receiver.stdout.once("data", (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    receiver.once("exit", (code) => reject(new Error(`webhook receiver exited with ${code}`)));
  });
  const pool = new pg.Pool({ connectionString: options.runtimeUrl, max: 6 });
  pool.on("error", () => {});
  const webhooks = webhookTasks({ pool, policy: { allowPrivate: true } });
  try {
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO webhook_endpoints (url, event_types, secret) VALUES ($1, '{contact.unsubscribed}', $2) RETURNING id`,
      [`http://127.0.0.1:${port}/hook`, generateWebhookSecret()],
    );
    const endpointId = rows[0]!.id;
    await insertContacts(options.runtimeUrl, options.count, "webhook-bench");
    // The events and deliveries are written before the runner starts, so the clock measures delivery.
    await pool.query(`UPDATE contacts SET unsubscribed_at = now() WHERE email LIKE 'webhook-bench-%'`);
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const runner = await run({
      pgPool: pool,
      concurrency: 2,
      noHandleSignals: true,
      pollInterval: 200,
      logger: quietLogger(),
      taskList: webhooks.tasks,
    });
    for (;;) {
      const { rows: left } = await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = $1 AND status <> 'succeeded'`,
        [endpointId],
      );
      if (left[0]!.n === 0) break;
      if (performance.now() - started > 300_000) throw new Error(`webhook bench: ${left[0]!.n} not delivered in 5 min`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    await runner.stop();
    const { rows: attempts } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id WHERE d.endpoint_id = $1`,
      [endpointId],
    );
    const perSecond = options.count / seconds;
    options.log(
      `webhooks: ${options.count} events in ${seconds.toFixed(2)} s = ${perSecond.toFixed(0)}/s (${attempts[0]!.n} attempt rows; sender CPU ${cpuSeconds.toFixed(2)} s)`,
    );
    return { webhook_deliveries_per_s: perSecond, webhook_deliveries_per_cpu_s: options.count / cpuSeconds };
  } finally {
    webhooks.close();
    await pool.end();
    receiver.kill();
  }
}
