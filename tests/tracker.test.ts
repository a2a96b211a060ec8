// The tracker process (`npm run tracker`, scripts/tracker.ts) over real HTTP: it answers the open
// pixel and tracked links exactly as the app's /t/ route handlers do (same GIF, same redirect to
// the stored URL only, same 404 page for a bad token), writes each hit once through the group
// commit, answers 404 to anything else, refuses to start in production without its settings, and
// on SIGTERM writes and answers the hits it holds before exiting 0.
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as nextClick } from "@/app/t/c/[token]/route";
import { GET as nextOpen } from "@/app/t/o/[token]/route";
import { publicUrl } from "@/lib/config/public-url";
import { signingKey } from "@/lib/config/signing-key";
import type { DraftContent } from "@/lib/domain/draft";
import { signToken } from "@/lib/domain/signed-token";
import type { Step } from "@/lib/domain/steps";
import { drainDeliveries } from "@/lib/engine/deliver-messages";
import { drainDue } from "@/lib/engine/run-batch";
import type { OutgoingMessage, TransportFor } from "@/lib/engine/transports";
import { db } from "@/lib/server/db";
import { enrollContacts } from "@/lib/server/sequences/enroll-contacts";
import { publishVersion } from "@/lib/server/sequences/publish-version";
import type { SessionUser } from "@/lib/server/session";
import { makeUser } from "./support/factories";
import { waitFor } from "./support/runner-process";
import { makeContacts, makeSequenceWithDraft } from "./support/sequences";

const ROOT = path.resolve(import.meta.dirname, "..");
const BROWSER =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";
const TEMPLATE =
  "Unsubscribe: {{unsubscribe_url}}\nRead https://docs.example/guide?a=1&b=2 then https://shop.example/offer.";
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });

type Spawned = { child: ChildProcess; output: () => string; exited: Promise<number | null>; base: string };

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `scripts/tracker.ts` as a child (node + tsx loader, so signals reach the tracker itself). */
async function spawnTracker(env: Record<string, string> = {}, wait = true): Promise<Spawned> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/tracker.ts"], {
    cwd: ROOT,
    env: { ...process.env, TRACKING_PORT: String(port), TRACKING_HOST: "127.0.0.1", LOG_PRETTY: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;
  if (wait)
    await waitFor(
      () =>
        child.exitCode !== null
          ? Promise.reject(new Error(`tracker exited:\n${output}`))
          : fetch(`${base}/health`).then(
              (r) => r.status,
              () => 0,
            ),
      (status) => status === 200,
      { timeoutMs: 30_000, intervalMs: 100, what: "the tracker's /health" },
    );
  return { child, output: () => output, exited, base };
}

type Got = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };
function get(
  url: string,
  options: { agent?: http.Agent; method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Got> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { agent: options.agent, method: options.method ?? "GET", headers: { "user-agent": BROWSER, ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

let editor: SessionUser;
let tracker: Spawned;

beforeAll(async () => {
  editor = await makeUser("editor");
  tracker = await spawnTracker();
  // Links in emails point at the tracker; our own links (unsubscribe) stay on the public URL.
  process.env.SEQUENCER_TRACKING_URL = `${tracker.base}/`;
});
afterAll(async () => {
  delete process.env.SEQUENCER_TRACKING_URL;
  if (tracker.child.exitCode === null) tracker.child.kill("SIGKILL");
  await pool.end();
  await db().$disconnect();
});

/** One tracked email per contact, delivered an hour ago (human opens); returns what the transport got. */
async function deliver(count = 1) {
  const sentAt = new Date(Date.now() - 3_600_000);
  const steps: Step[] = [{ key: "hello", type: "email", subject: "Hello", body: TEMPLATE }];
  const settings = { exitOnReply: true, exitOnUnsubscribe: true };
  const seq = await makeSequenceWithDraft(editor.id, { steps, settings } as DraftContent);
  await publishVersion({ actorId: editor.id, sequenceId: seq.id, note: "v1" });
  const contacts = await makeContacts(count, "trkr");
  await enrollContacts({ actorId: editor.id, sequenceId: seq.id, contactIds: contacts, now: sentAt });
  await drainDue({ pool, now: sentAt, scope: { sequenceIds: [seq.id] } });
  const got: OutgoingMessage[] = [];
  const transportFor: TransportFor = () => ({ name: "capture", send: async (m) => void got.push(m) });
  await drainDeliveries({ pool, now: sentAt, transportFor, scope: { sequenceIds: [seq.id] } });
  return { sequenceId: seq.id, got };
}

const urlsIn = (text: string, kind: "o" | "c") =>
  [...text.matchAll(new RegExp(`https?://[^\\s"<]+/t/${kind}/[A-Za-z0-9_.-]+`, "g"))].map((m) => m[0]);
const tokenOf = (url: string) => url.slice(url.lastIndexOf("/") + 1);

async function eventCount(sequenceId: string) {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int n FROM enrollment_events ev JOIN enrollments e ON e.id = ev.enrollment_id
     WHERE e.sequence_id = $1 AND ev.type IN ('message_opened', 'link_clicked')`,
    [sequenceId],
  );
  return rows[0]!.n;
}
async function counters(sequenceId: string) {
  const { rows } = await pool.query<{ metric: string; n: string }>(
    "SELECT metric, sum(count) n FROM outcome_counts WHERE sequence_id = $1 AND (metric LIKE 'opened%' OR metric LIKE 'clicked%') GROUP BY 1",
    [sequenceId],
  );
  return Object.fromEntries(rows.map((r) => [r.metric, Number(r.n)]));
}

/** The app's route handler's answer to the same token, for comparison. */
async function nextAnswer(kind: "o" | "c", token: string) {
  const request = new Request(`http://localhost/t/${kind}/x`, { headers: { "user-agent": BROWSER } });
  const res = await (kind === "o" ? nextOpen : nextClick)(request, { params: Promise.resolve({ token }) });
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()), headers: res.headers };
}

describe("tracker", () => {
  it("emails link to SEQUENCER_TRACKING_URL; a valid open writes one event and answers the app's GIF", async () => {
    const { sequenceId, got } = await deliver();
    const sent = got[0]!;
    const [openUrl] = urlsIn(sent.html!, "o");
    expect(openUrl!.startsWith(`${tracker.base}/t/o/`)).toBe(true);
    expect(urlsIn(sent.body, "c").every((u) => u.startsWith(`${tracker.base}/t/c/`))).toBe(true);
    expect(sent.body.startsWith(`Unsubscribe: ${publicUrl()}/u/`)).toBe(true);

    const res = await get(openUrl!);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("image/gif");
    expect(res.headers["cache-control"]).toBe("no-store, max-age=0");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["referrer-policy"]).toBe("no-referrer");
    expect(res.headers["x-frame-options"]).toBe("DENY");
    expect(res.headers["content-security-policy"]).toContain("default-src 'none'");
    expect(await counters(sequenceId)).toEqual({ opened: 1, opened_unique: 1 });
    // The app's route answers the very same bytes (and writes its own event).
    const next = await nextAnswer("o", tokenOf(openUrl!));
    expect(next.body.equals(res.body)).toBe(true);
    expect(await eventCount(sequenceId)).toBe(2);
  });

  it("a click redirects to the stored URL only and writes one event", async () => {
    const { sequenceId, got } = await deliver();
    const [first, second] = urlsIn(got[0]!.body, "c");
    const a = await get(`${first}?url=https://evil.example/&next=https://evil.example`);
    expect(a.status).toBe(302);
    expect(a.headers.location).toBe("https://docs.example/guide?a=1&b=2");
    expect(a.body.length).toBe(0);
    const b = await get(second!);
    expect(b.headers.location).toBe("https://shop.example/offer");
    expect(await counters(sequenceId)).toEqual({ clicked: 2, clicked_unique: 1 });
    expect(await eventCount(sequenceId)).toBe(2);
  });

  it("tampered and unknown tokens write nothing and are answered like the app's routes", async () => {
    const { sequenceId, got } = await deliver();
    const open = tokenOf(urlsIn(got[0]!.html!, "o")[0]!);
    const click = tokenOf(urlsIn(got[0]!.body, "c")[0]!);
    const flip = (t: string) => t.slice(0, 5) + (t[5] === "A" ? "B" : "A") + t.slice(6);
    const unknown = "00000000-0000-7000-8000-000000000000";
    const opens = [
      flip(open),
      signToken(signingKey(), "open", { m: unknown }),
      click,
      "x",
      "%E0%A4%A",
      "a".repeat(3000),
    ];
    const clicks = [
      flip(click),
      signToken(signingKey(), "click", { m: unknown, l: 0 }),
      signToken(signingKey(), "click", { m: got[0]!.id, l: 7 }),
      open,
      "x",
    ];
    const gif = (await nextAnswer("o", "x")).body;
    for (const token of opens) {
      const res = await get(`${tracker.base}/t/o/${token}`);
      expect(res.status).toBe(200);
      expect(res.body.equals(gif)).toBe(true);
    }
    for (const token of clicks) {
      const res = await get(`${tracker.base}/t/c/${token}`);
      const next = await nextAnswer("c", token);
      expect(res.status).toBe(404);
      expect(next.status).toBe(404);
      expect(res.headers.location).toBeUndefined();
      expect(res.body.toString()).toBe(next.body.toString());
      expect(res.headers["content-security-policy"]).toBe(next.headers.get("content-security-policy"));
    }
    expect(await eventCount(sequenceId)).toBe(0);
    expect(await counters(sequenceId)).toEqual({});
  });

  it("anything else is 404; wrong methods 405; oversized requests refused", async () => {
    for (const p of ["/", "/t/o/", "/t/o/a/b", "/t/x/abc", "/api/health", "/t/c", "/health/x"]) {
      expect((await get(`${tracker.base}${p}`)).status, p).toBe(404);
    }
    expect((await get(`${tracker.base}/t/o/x`, { method: "POST" })).status).toBe(405);
    expect(
      (await get(`${tracker.base}/t/o/x`, { headers: { "content-length": "100" }, body: "y".repeat(100) })).status,
    ).toBe(413);
    expect((await get(`${tracker.base}/t/o/x`, { headers: { "x-pad": "z".repeat(20_000) } })).status).toBe(431);
    const health = await get(`${tracker.base}/health`);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body.toString())).toEqual({ status: "ok" });
  });

  it("concurrent hits over keep-alive connections are each written once (group commit)", async () => {
    const { sequenceId, got } = await deliver(5);
    const urls = got.flatMap((m) => [...urlsIn(m.html!, "o"), ...urlsIn(m.body, "c")]);
    expect(urls).toHaveLength(15);
    const agents = Array.from({ length: 20 }, () => new http.Agent({ keepAlive: true, maxSockets: 1 }));
    try {
      const answers = await Promise.all(
        Array.from({ length: 300 }, (_, i) => get(urls[i % urls.length]!, { agent: agents[i % agents.length] })),
      );
      expect(answers.filter((a) => a.status === 200 || a.status === 302)).toHaveLength(300);
    } finally {
      for (const agent of agents) agent.destroy();
    }
    expect(await eventCount(sequenceId)).toBe(300);
    const c = await counters(sequenceId);
    expect((c.opened ?? 0) + (c.clicked ?? 0)).toBe(300);
    expect(c.opened_unique).toBe(5);
    expect(c.clicked_unique).toBe(5);
  });

  it("SIGTERM writes and answers the queued hits, then exits 0", async () => {
    const { sequenceId, got } = await deliver(5);
    const urls = got.flatMap((m) => urlsIn(m.html!, "o"));
    // Hits wait 5 s in the queue before a flush: the stop must cut that short.
    const slow = await spawnTracker({ TRACKING_FLUSH_DELAY_MS: "5000" });
    const pending = Array.from({ length: 40 }, (_, i) =>
      get(urls[i % urls.length]!.replace(tracker.base, slow.base)).then(
        (r) => r.status,
        () => 0,
      ),
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(await eventCount(sequenceId)).toBe(0);
    const t0 = Date.now();
    slow.child.kill("SIGTERM");
    const statuses = await Promise.all(pending);
    expect(await slow.exited).toBe(0);
    expect(Date.now() - t0).toBeLessThan(4_000);
    expect(statuses).toEqual(Array(40).fill(200));
    expect(await eventCount(sequenceId)).toBe(40);
    expect(slow.output()).toContain("tracker stopped");
    // Nothing of a request is logged: no token, no path.
    expect(slow.output()).not.toContain("/t/o/");
    expect(await get(`${slow.base}/health`).catch(() => "refused")).toBe("refused");
  });

  it("refuses to start in production without the database or the signing secret (exit 78)", async () => {
    const refused = await spawnTracker(
      {
        NODE_ENV: "production",
        DATABASE_URL: "",
        SEQUENCER_SIGNING_SECRET: "",
        NEXTAUTH_SECRET: "",
        TRACKING_PORT: "x",
      },
      false,
    );
    expect(await refused.exited).toBe(78);
    expect(refused.output()).toContain("Cannot start the tracker");
    expect(refused.output()).toContain("DATABASE_URL is not set");
    expect(refused.output()).toContain("SEQUENCER_SIGNING_SECRET (or NEXTAUTH_SECRET) is not set");
    expect(refused.output()).toContain("TRACKING_PORT must be a port number");
  });
});
