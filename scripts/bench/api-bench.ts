// api_enroll_per_s: batches of 1,000 new contacts enrolled through HTTP with an API key, each
// request upserting its contacts by email and enrolling them (POST /api/v1/enrollments). The
// route handler runs in this process behind a plain node:http server (real HTTP, real key check,
// rate limit, body cap, zod, services; no `next build`, whose router adds little to one
// request of this size). The baseline is the service-level bulk enroll (enrollContacts) of the
// same number of batches of 1,000 existing contacts, in the same run: api_enroll_vs_service.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { createApiKey } from "../../lib/server/api-keys/create-api-key";
import { createSequence } from "../../lib/server/sequences/create-sequence";
import { enrollContacts } from "../../lib/server/sequences/enroll-contacts";
import { publishVersion } from "../../lib/server/sequences/publish-version";
import { saveDraft } from "../../lib/server/sequences/save-draft";
import { POST as enrollRoute } from "../../app/api/v1/enrollments/route";
import { insertContacts } from "./enroll-bench";
import { timed } from "./stats";
import pg from "pg";

const BATCH = 1_000;
const DRAFT = {
  steps: [
    { key: "a", type: "email" as const, subject: "Hello {{first_name}}", body: "Welcome {{unsubscribe_url}}" },
    { key: "w", type: "wait" as const, amount: 2, unit: "days" as const, businessDaysOnly: false },
  ],
  settings: { exitOnReply: true, exitOnUnsubscribe: true },
};

async function publishedSequence(actorId: string, name: string): Promise<string> {
  const { id } = await createSequence({ actorId, name, description: "" });
  await saveDraft({ actorId, sequenceId: id, revision: 0, draft: DRAFT });
  await publishVersion({ actorId, sequenceId: id, note: "bench" });
  return id;
}

function serve(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    const request = new Request(`http://localhost${req.url}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: req.method === "GET" ? undefined : (Readable.toWeb(req) as ReadableStream),
      duplex: "half",
    } as RequestInit);
    const response = await enrollRoute(request, { params: Promise.resolve({}) });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => new Promise((done) => server.close(() => done())),
      }),
    ),
  );
}

export async function benchApi(options: { url: string; actorId: string; batches?: number }) {
  const batches = options.batches ?? Number(process.env.BENCH_API_BATCHES ?? 20);
  const actorId = options.actorId;
  // The bench makes batches+1 requests in well under a minute; keep the default limit out of the way.
  process.env.API_RATE_LIMIT_PER_MINUTE ??= "100000";
  const { secret } = await createApiKey({ actorId, input: { name: "bench", scopes: ["enroll"] } });

  // Service baseline: the same batches of existing contacts through enrollContacts.
  const prefix = `apibase${Date.now()}`;
  await insertContacts(options.url, (batches + 1) * BATCH, prefix);
  const client = new pg.Client({ connectionString: options.url });
  await client.connect();
  const ids = (
    await client.query<{ id: string }>("SELECT id FROM contacts WHERE email LIKE $1 ORDER BY id", [`${prefix}-%`])
  ).rows.map((r) => r.id);
  await client.end();
  const baseline = await publishedSequence(actorId, "Bench API baseline");
  const batchOf = (b: number) => ids.slice(b * BATCH, (b + 1) * BATCH);
  await enrollContacts({ actorId, sequenceId: baseline, contactIds: batchOf(batches) }); // warm-up

  const sequenceId = await publishedSequence(actorId, "Bench API");
  const server = await serve();
  try {
    const tag = Date.now();
    const post = async (b: number) => {
      const contacts = Array.from({ length: BATCH }, (_, i) => ({
        email: `api-${tag}-${b}-${i}@bench.example`,
        firstName: `First${i}`,
        attributes: { source: "bench", batch: String(b) },
      }));
      const response = await fetch(`${server.url}/api/v1/enrollments`, {
        method: "POST",
        headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
        body: JSON.stringify({ sequenceId, contacts }),
      });
      const body = (await response.json()) as { enrolled?: number; detail?: string };
      if (response.status !== 201 || body.enrolled !== BATCH)
        throw new Error(`batch ${b}: ${response.status} ${body.detail ?? JSON.stringify(body).slice(0, 200)}`);
    };
    await post(-1); // warm-up: module load, key lookup, prepared plans
    // The two sides alternate batch by batch, so a burst of load from another process on the
    // shared machine falls on both rather than on whichever side happened to run during it.
    let serviceMs = 0;
    let apiMs = 0;
    for (let b = 0; b < batches; b++) {
      serviceMs += (await timed(() => enrollContacts({ actorId, sequenceId: baseline, contactIds: batchOf(b) }))).ms;
      apiMs += (await timed(() => post(b))).ms;
    }
    const api_enroll_per_s = (batches * BATCH) / (apiMs / 1000);
    const service_per_s = (batches * BATCH) / (serviceMs / 1000);
    return {
      api_enroll_per_s,
      api_enroll_service_batches_per_s: service_per_s,
      api_enroll_vs_service: api_enroll_per_s / service_per_s,
    };
  } finally {
    await server.close();
  }
}
