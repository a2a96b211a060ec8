import { describe, expect, it } from "vitest";
import { API_OPERATIONS } from "./api-contract";
import { buildOpenApiDocument } from "./api-openapi";
import { fieldErrors, problem } from "./api-problem";
import { apiKeyCreateSchema, looksLikeApiKey } from "./api-scopes";

type Op = { operationId: string; "x-scope": string; parameters: { name: string; in: string }[]; responses: object };
const doc = buildOpenApiDocument() as { openapi: string; paths: Record<string, Record<string, Op>> };

describe("OpenAPI document", () => {
  it("has one operation per contract entry, with its scope and the problem responses", () => {
    expect(doc.openapi).toBe("3.1.0");
    for (const op of Object.values(API_OPERATIONS)) {
      const entry = doc.paths[op.path]?.[op.method.toLowerCase()];
      expect(entry?.operationId).toBe(op.operationId);
      expect(entry?.["x-scope"]).toBe(op.scope);
      expect(Object.keys(entry!.responses)).toEqual(
        expect.arrayContaining([String("status" in op ? op.status : 200), "400", "401", "403", "413", "429", "500"]),
      );
    }
  });

  it("declares path parameters, query parameters and the Idempotency-Key header", () => {
    const version = doc.paths["/sequences/{id}/versions/{number}"]!.get!;
    expect(version.parameters.map((p) => `${p.in}:${p.name}`)).toEqual(["path:id", "path:number"]);
    const list = doc.paths["/enrollments"]!.get!;
    expect(list.parameters.map((p) => p.name)).toEqual(["sequenceId", "versionId", "status", "cursor", "limit"]);
    const enroll = doc.paths["/enrollments"]!.post!;
    expect(enroll.parameters.map((p) => `${p.in}:${p.name}`)).toEqual(["header:Idempotency-Key"]);
  });
});

describe("problems and keys", () => {
  it.each([
    ["invalid-request", 400],
    ["unauthenticated", 401],
    ["forbidden", 403],
    ["payload-too-large", 413],
    ["rate-limited", 429],
    ["internal", 500],
  ] as const)("%s is %i", (slug, status) => {
    expect(problem(slug, "x")).toMatchObject({ status, type: expect.stringContaining(slug), detail: "x" });
  });

  it("keys field errors by dotted path", () => {
    expect(
      fieldErrors([
        { path: ["contacts", 3, "email"], message: "bad" },
        { path: [], message: "empty" },
      ]),
    ).toEqual({
      "contacts.3.email": ["bad"],
      _: ["empty"],
    });
  });

  it("recognises key secrets and validates key creation", () => {
    expect(looksLikeApiKey(`seq_live_${"a".repeat(43)}`)).toBe(true);
    expect(looksLikeApiKey(`seq_test_${"a".repeat(43)}`)).toBe(false);
    expect(looksLikeApiKey("seq_live_short")).toBe(false);
    expect(apiKeyCreateSchema.safeParse({ name: "x", scopes: [] }).success).toBe(false);
    expect(apiKeyCreateSchema.safeParse({ name: "x", scopes: ["admin"] }).success).toBe(false);
    expect(apiKeyCreateSchema.parse({ name: " x ", scopes: ["read", "read"] })).toEqual({
      name: "x",
      scopes: ["read"],
    });
  });
});
