// Engagement tracking end to end below HTTP: delivery rewrites the links of a tracked email and
// stores them; the pixel and click route handlers (hostile input) verify the signed token, record
// through the group commit exactly one event and one counter increment per request, flag machine
// opens, never redirect anywhere but the stored URL, and record nothing for expired messages.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as click } from "@/app/t/c/[token]/route";
import { GET as open } from "@/app/t/o/[token]/route";
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
import { makeContacts, makeSequenceWithDraft } from "./support/sequences";

const BROWSER =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";
const BODY = "Read https://docs.example/guide?a=1&b=2 then https://shop.example/offer.";
// The guardrails require an unsubscribe link; it is our own link, so tracking never wraps it.
const TEMPLATE = `Unsubscribe: {{unsubscribe_url}}\n${BODY}`;
/** The rendered body: the unsubscribe line (a signed token, different per contact), then BODY. */
const expectRendered = (body: string) => {
  const [unsubscribe, rest] = body.split("\n");
  expect(unsubscribe).toMatch(/^Unsubscribe: https?:\/\/\S+\/u\/\S+$/);
  expect(rest).toBe(BODY);
};
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
let editor: SessionUser;

beforeAll(async () => {
  editor = await makeUser("editor");
});
afterAll(async () => {
  await pool.end();
  await db().$disconnect();
});

/** A sequence of one email, `count` contacts enrolled and delivered at `sentAt`; returns what the transport got. */
async function deliverOne(options: { sentAt: Date; track?: boolean; count?: number }) {
  const settings = {
    exitOnReply: true,
    exitOnUnsubscribe: true,
    ...(options.track === false ? { trackEngagement: false } : {}),
  };
  const steps: Step[] = [{ key: "hello", type: "email", subject: "Hello", body: TEMPLATE }];
  const seq = await makeSequenceWithDraft(editor.id, { steps, settings } as DraftContent);
  await publishVersion({ actorId: editor.id, sequenceId: seq.id, note: "v1" });
  const contacts = await makeContacts(options.count ?? 1, "trk");
  await enrollContacts({ actorId: editor.id, sequenceId: seq.id, contactIds: contacts, now: options.sentAt });
  await drainDue({ pool, now: options.sentAt, scope: { sequenceIds: [seq.id] } });
  const got: OutgoingMessage[] = [];
  const transportFor: TransportFor = () => ({ name: "capture", send: async (m) => void got.push(m) });
  await drainDeliveries({ pool, now: options.sentAt, transportFor, scope: { sequenceIds: [seq.id] } });
  return { sequenceId: seq.id, got };
}

const tokenIn = (text: string, kind: "o" | "c", n = 0) =>
  [...text.matchAll(new RegExp(`/t/${kind}/([A-Za-z0-9_.-]+)`, "g"))].map((m) => m[1]!)[n]!;
const req = (ua = BROWSER, query = "") =>
  new Request(`http://localhost/t/x${query}`, { headers: { "user-agent": ua } });
const ctx = (token: string) => ({ params: Promise.resolve({ token }) });

async function eventsOf(messageId: string) {
  const { rows } = await pool.query<{ type: string; detail: Record<string, unknown> }>(
    "SELECT type::text, detail FROM enrollment_events WHERE detail->>'messageId' = $1 AND type IN ('message_opened', 'link_clicked') ORDER BY at, id",
    [messageId],
  );
  return rows;
}
async function counters(sequenceId: string) {
  const { rows } = await pool.query<{ metric: string; n: string }>(
    "SELECT metric, sum(count) n FROM outcome_counts WHERE sequence_id = $1 AND (metric LIKE 'opened%' OR metric LIKE 'clicked%') GROUP BY 1",
    [sequenceId],
  );
  return Object.fromEntries(rows.map((r) => [r.metric, Number(r.n)]));
}

describe("tracking", () => {
  it("delivery sends tracked links and a pixel, stores the links, keeps the rendered body", async () => {
    const { sequenceId, got } = await deliverOne({ sentAt: new Date(Date.now() - 3_600_000) });
    expect(got).toHaveLength(1);
    const sent = got[0]!;
    expect(sent.body).not.toContain("docs.example");
    expect(sent.body).toMatch(/\/t\/c\/.+ then .+\/t\/c\/.+\.$/);
    expect(sent.html).toContain("/t/o/");
    const message = await db().message.findUniqueOrThrow({
      where: { id: sent.id },
      include: { links: { orderBy: { position: "asc" } } },
    });
    expectRendered(message.body);
    expect(message.links.map((l) => l.url)).toEqual([
      "https://docs.example/guide?a=1&b=2",
      "https://shop.example/offer",
    ]);
    expect(await counters(sequenceId)).toEqual({});
  });

  it("an untracked version sends the rendered body as it is", async () => {
    const { got } = await deliverOne({ sentAt: new Date(Date.now() - 3_600_000), track: false });
    expectRendered(got[0]!.body);
    expect(got[0]!.html).toBeUndefined();
    expect(await db().messageLink.count({ where: { messageId: got[0]!.id } })).toBe(0);
  });

  it("opens: each request one event and one counter increment; first human open is unique; machine opens flagged", async () => {
    const { sequenceId, got } = await deliverOne({ sentAt: new Date(Date.now() - 3_600_000) });
    const token = tokenIn(got[0]!.html!, "o");
    const first = await open(req(), ctx(token));
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("image/gif");
    expect(first.headers.get("cache-control")).toContain("no-store");
    expect(await counters(sequenceId)).toEqual({ opened: 1, opened_unique: 1 });
    await open(req(), ctx(token));
    expect(await counters(sequenceId)).toEqual({ opened: 2, opened_unique: 1 });
    await open(req("Mozilla/5.0"), ctx(token)); // Apple Mail Privacy Protection
    await open(req("Mozilla/5.0 (via ggpht.com GoogleImageProxy)"), ctx(token));
    expect(await counters(sequenceId)).toEqual({ opened: 2, opened_unique: 1, opened_machine: 2 });
    const events = await eventsOf(got[0]!.id);
    expect(events.map((e) => [e.detail.unique, e.detail.machine, e.detail.userAgent])).toEqual([
      [true, false, "browser"],
      [false, false, "browser"],
      [false, true, "apple_mail_privacy"],
      [false, true, "google_image_proxy"],
    ]);
    // Concurrent requests share a flush and each still writes exactly one event.
    await Promise.all(Array.from({ length: 20 }, () => open(req(), ctx(token))));
    expect(await eventsOf(got[0]!.id)).toHaveLength(24);
    expect(await counters(sequenceId)).toEqual({ opened: 22, opened_unique: 1, opened_machine: 2 });
  });

  it("an open within seconds of delivery is a machine open", async () => {
    const { sequenceId, got } = await deliverOne({ sentAt: new Date() });
    await open(req(), ctx(tokenIn(got[0]!.html!, "o")));
    expect(await counters(sequenceId)).toEqual({ opened_machine: 1 });
  });

  it("a tampered or unknown token records nothing; the pixel answers the same GIF", async () => {
    const { sequenceId, got } = await deliverOne({ sentAt: new Date(Date.now() - 3_600_000) });
    const token = tokenIn(got[0]!.html!, "o");
    const tampered = token.slice(0, 5) + (token[5] === "A" ? "B" : "A") + token.slice(6);
    const forged = signToken(signingKey(), "open", { m: "00000000-0000-7000-8000-000000000000" });
    const wrongPurpose = signToken(signingKey(), "click", { m: got[0]!.id, l: 0 });
    const valid = await open(req(), ctx(token));
    const bodies = [];
    for (const t of [tampered, forged, wrongPurpose, "x", "a".repeat(5000)]) {
      const res = await open(req(), ctx(t));
      expect(res.status).toBe(200);
      bodies.push(Buffer.from(await res.arrayBuffer()).toString("base64"));
    }
    expect(new Set([...bodies, Buffer.from(await valid.arrayBuffer()).toString("base64")]).size).toBe(1);
    expect(await eventsOf(got[0]!.id)).toHaveLength(1);
    expect(await counters(sequenceId)).toEqual({ opened: 1, opened_unique: 1 });
  });

  it("clicks redirect only to the stored URL of that message's link", async () => {
    const { sequenceId, got } = await deliverOne({ sentAt: new Date(Date.now() - 3_600_000) });
    const first = tokenIn(got[0]!.body, "c", 0);
    const second = tokenIn(got[0]!.body, "c", 1);
    const a = await click(req(BROWSER, "?url=https://evil.example/&next=https://evil.example"), ctx(first));
    expect(a.status).toBe(302);
    expect(a.headers.get("location")).toBe("https://docs.example/guide?a=1&b=2");
    const b = await click(req(), ctx(second));
    expect(b.headers.get("location")).toBe("https://shop.example/offer");
    expect(await counters(sequenceId)).toEqual({ clicked: 2, clicked_unique: 1 });
    const events = await eventsOf(got[0]!.id);
    expect(events.map((e) => [e.detail.link, e.detail.unique])).toEqual([
      [0, true],
      [1, false],
    ]);
    // A validly signed token for a link the message does not have, an unknown message, a tampered token.
    for (const token of [
      signToken(signingKey(), "click", { m: got[0]!.id, l: 99 }),
      signToken(signingKey(), "click", { m: got[0]!.id, l: 2 }),
      signToken(signingKey(), "click", { m: "00000000-0000-7000-8000-000000000000", l: 0 }),
      signToken(signingKey(), "open", { m: got[0]!.id }),
      first.slice(0, -2) + "xx",
    ]) {
      const res = await click(req(), ctx(token));
      expect(res.status).toBe(404);
      expect(res.headers.get("location")).toBeNull();
    }
    expect(await eventsOf(got[0]!.id)).toHaveLength(2);
    // A link scanner's click is flagged and kept out of the rates.
    await click(req("Mozilla/5.0 (compatible; SafeLinks scanner)"), ctx(first));
    expect(await counters(sequenceId)).toEqual({ clicked: 2, clicked_unique: 1, clicked_machine: 1 });
  });

  it("an expired message (sent over 180 days ago) records nothing; its click still reaches the stored URL", async () => {
    const { sequenceId, got } = await deliverOne({ sentAt: new Date(Date.now() - 200 * 86_400_000) });
    const o = await open(req(), ctx(tokenIn(got[0]!.html!, "o")));
    expect(o.status).toBe(200);
    const c = await click(req(), ctx(tokenIn(got[0]!.body, "c", 1)));
    expect(c.status).toBe(302);
    expect(c.headers.get("location")).toBe("https://shop.example/offer");
    expect(await eventsOf(got[0]!.id)).toHaveLength(0);
    expect(await counters(sequenceId)).toEqual({});
  });
});
