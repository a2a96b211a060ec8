// API keys and the guard in front of every /api/v1 route: hash-only storage, revocation,
// scopes, body limits, validation, rate limit, problem documents, last use, audit.
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { API_OPERATIONS } from "@/lib/domain/api-contract";
import { hashApiKey } from "@/lib/server/api-keys/api-key-secret";
import { listApiKeys } from "@/lib/server/api-keys/list-api-keys";
import { revokeApiKey } from "@/lib/server/api-keys/revoke-api-key";
import { defineRoute } from "@/lib/server/api/define-route";
import { takeRateToken } from "@/lib/server/api/rate-limit";
import { db } from "@/lib/server/db";
import { callApi, makeApiKey } from "./support/api";

afterAll(async () => {
  await db().$disconnect();
});
afterEach(() => {
  delete process.env.API_RATE_LIMIT_PER_MINUTE;
  delete process.env.API_MAX_BODY_BYTES;
  vi.restoreAllMocks();
});

describe("API keys", () => {
  it("shows the secret once and stores only its sha256, with a recognisable prefix; creation is audited", async () => {
    const key = await makeApiKey(["read"], "CRM sync");
    expect(key.secret).toMatch(/^seq_live_[A-Za-z0-9_-]{43}$/);
    expect(key.secret.startsWith(key.prefix)).toBe(true);
    const row = await db().apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.secretHash).toBe(hashApiKey(key.secret));
    expect(JSON.stringify(row)).not.toContain(key.secret);
    const listed = (await listApiKeys()).find((k) => k.id === key.id)!;
    expect(listed).not.toHaveProperty("secretHash");
    expect(listed.createdBy).toBe("Test admin");
    const audit = await db().auditLog.findFirst({ where: { entityId: key.id, action: "apiKey.create" } });
    expect(audit?.summary).toContain("CRM sync");
    expect(JSON.stringify(audit)).not.toContain(key.secret);
  });

  it("a revoked key stops working at once; revocation is audited and not repeatable", async () => {
    const key = await makeApiKey(["read"]);
    expect((await callApi("listContacts", { key: key.secret })).status).toBe(200);
    await revokeApiKey({ actorId: key.adminId, keyId: key.id });
    const refused = await callApi("listContacts", { key: key.secret });
    expect(refused.status).toBe(401);
    expect(refused.contentType).toBe("application/problem+json");
    expect(refused.headers.get("www-authenticate")).toContain("Bearer");
    await expect(revokeApiKey({ actorId: key.adminId, keyId: key.id })).rejects.toThrow(/already revoked/);
    expect(await db().auditLog.count({ where: { entityId: key.id, action: "apiKey.revoke" } })).toBe(1);
  });

  it("refuses a missing, malformed or unknown key with 401 problems", async () => {
    const variants: Record<string, string>[] = [
      {},
      { authorization: "Basic abc" },
      { authorization: "Bearer seq_live_short" },
    ];
    for (const headers of variants) expect((await callApi("listContacts", { headers })).status).toBe(401);
    const unknown = `seq_live_${"A".repeat(43)}`;
    const result = await callApi("listContacts", { key: unknown });
    expect(result.status).toBe(401);
    expect(result.body).toMatchObject({
      status: 401,
      title: expect.any(String),
      type: expect.stringContaining("unauthenticated"),
    });
  });

  it("checks the scope: 403 without it", async () => {
    const { secret } = await makeApiKey(["read"]);
    const result = await callApi("upsertContact", { key: secret, body: { email: "x@test.example" } });
    expect(result.status).toBe(403);
    expect(result.body.detail).toContain("`enroll`");
  });

  it("records last use at most once a minute", async () => {
    const key = await makeApiKey(["read"]);
    await callApi("listContacts", { key: key.secret });
    const first = (await db().apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt;
    expect(first).not.toBeNull();
    await callApi("listContacts", { key: key.secret });
    expect((await db().apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt).toEqual(first);
  });
});

describe("request guard", () => {
  it("400 with field errors for a bad body, 400 for malformed JSON, 415 for another media type", async () => {
    const { secret } = await makeApiKey(["enroll"]);
    const bad = await callApi("upsertContactBatch", { key: secret, body: { contacts: [{ email: "nope" }] } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toHaveProperty(["contacts.0.email"]);
    expect((await callApi("upsertContact", { key: secret, rawBody: "{not json" })).status).toBe(400);
    const text = await callApi("upsertContact", {
      key: secret,
      rawBody: "a",
      headers: { "content-type": "text/plain" },
    });
    expect(text.status).toBe(415);
  });

  it("413 for a body over the limit, by Content-Length or by counting bytes", async () => {
    process.env.API_MAX_BODY_BYTES = "1000";
    const { secret } = await makeApiKey(["enroll"]);
    const big = { email: "big@test.example", attributes: { note: "x".repeat(1500) } };
    const result = await callApi("upsertContact", { key: secret, body: big });
    expect(result.status).toBe(413);
    expect(result.contentType).toBe("application/problem+json");
  });

  it("429 with Retry-After past the per-key limit, counted in PostgreSQL; other keys unaffected", async () => {
    process.env.API_RATE_LIMIT_PER_MINUTE = "3";
    const { secret, id } = await makeApiKey(["read"]);
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 8; i++) {
      last = await callApi("listContacts", { key: secret, query: { limit: "1" } });
      statuses.push(last.status);
    }
    // Even if the calls straddle two windows, at most 6 of 8 pass.
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
    const limited = await callApi("listContacts", { key: secret });
    if (limited.status === 429) {
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(limited.body.type).toContain("rate-limited");
    }
    expect(await db().apiRequestCount.count({ where: { apiKeyId: id } })).toBeGreaterThanOrEqual(1);
    const other = await makeApiKey(["read"]);
    expect((await callApi("listContacts", { key: other.secret })).status).toBe(200);
  });

  it("counts fixed one-minute windows exactly", async () => {
    process.env.API_RATE_LIMIT_PER_MINUTE = "2";
    const { id } = await makeApiKey(["read"]);
    const t = new Date("2030-01-01T00:00:10.000Z");
    expect((await takeRateToken(id, t)).allowed).toBe(true);
    expect((await takeRateToken(id, t)).allowed).toBe(true);
    const third = await takeRateToken(id, t);
    expect(third).toMatchObject({ allowed: false, remaining: 0, retryAfterSeconds: 50 });
    expect((await takeRateToken(id, new Date("2030-01-01T00:01:00.000Z"))).allowed).toBe(true);
    // The new window's first request dropped the old one.
    expect(await db().apiRequestCount.count({ where: { apiKeyId: id } })).toBe(1);
  });

  it("an unexpected error is a generic 500 problem: no stack, no message, logged without the body", async () => {
    const { secret } = await makeApiKey(["enroll"]);
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const broken = defineRoute(API_OPERATIONS.upsertContact, async () => {
      throw new Error("connection string postgres://secret@db");
    });
    const response = await broken(
      new Request("http://localhost/api/v1/contacts", {
        method: "POST",
        headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
        body: JSON.stringify({ email: "private@test.example" }),
      }),
      { params: Promise.resolve({}) },
    );
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain("postgres://");
    expect(text).not.toContain("at ");
    expect(JSON.parse(text)).toMatchObject({ status: 500, title: "Internal error" });
    const logged = JSON.stringify(log.mock.calls);
    expect(logged).not.toContain("private@test.example");
    expect(logged).not.toContain(secret);
  });
});
