// The OpenAPI document against reality: every route file under app/api/v1 is in the document
// (and back), and every operation's real responses, success and refusal, validate against it
// with an independent JSON Schema 2020-12 validator (ajv).
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_OPERATIONS, type ApiOperationId } from "@/lib/domain/api-contract";
import { buildOpenApiDocument } from "@/lib/domain/api-openapi";
import { db } from "@/lib/server/db";
import { createSequence } from "@/lib/server/sequences/create-sequence";
import { GET as openApiRoute } from "@/app/api/v1/openapi.json/route";
import { ALL_SCOPES, callApi, makeApiKey, type ApiCall, type ApiResult } from "./support/api";
import { fiveStepDraft } from "./support/sequences";

const ROOT = path.resolve(import.meta.dirname, "..");
const V1 = path.join(ROOT, "app/api/v1");

type Doc = {
  paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, { schema: object }> }> }>>;
  components: { schemas: { Problem: object } };
};

function routeFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...routeFiles(full));
    else if (entry === "route.ts") out.push(full);
  }
  return out;
}

const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
let doc: Doc;
const seen = new Map<string, Set<number>>();

async function checked<Id extends ApiOperationId>(operationId: Id, call: ApiCall): Promise<ApiResult<Id>> {
  const result = await callApi(operationId, call);
  const operation = API_OPERATIONS[operationId];
  const documented = doc.paths[operation.path]?.[operation.method.toLowerCase()]?.responses[String(result.status)];
  expect(documented, `${operationId} answered ${result.status}, which the document does not list`).toBeDefined();
  const [mediaType, media] = Object.entries(documented!.content)[0]!;
  expect(result.contentType).toContain(mediaType);
  const schema = "$ref" in media.schema ? doc.components.schemas.Problem : media.schema;
  const validate = ajv.compile(schema);
  expect(validate(result.body), `${operationId} ${result.status}: ${ajv.errorsText(validate.errors)}`).toBe(true);
  (seen.get(operationId) ?? seen.set(operationId, new Set()).get(operationId)!).add(result.status);
  return result;
}

beforeAll(async () => {
  const response = await openApiRoute();
  doc = (await response.json()) as Doc;
});
afterAll(async () => {
  await db().$disconnect();
});

describe("OpenAPI document", () => {
  it("is served at /api/v1/openapi.json as OpenAPI 3.1 and equals the generated one", async () => {
    expect((doc as unknown as { openapi: string }).openapi).toBe("3.1.0");
    expect(doc).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument())));
  });

  it("lists every route file under app/api/v1 with every method it exports, and nothing else", async () => {
    const fromFiles: string[] = [];
    for (const file of routeFiles(V1)) {
      const rel = path.relative(V1, path.dirname(file)).split(path.sep).join("/");
      if (rel === "openapi.json") continue; // the document itself
      const apiPath = `/${rel}`.replace(/\[(\w+)\]/g, "{$1}");
      const mod = (await import(file)) as Record<string, unknown>;
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"])
        if (typeof mod[method] === "function") {
          fromFiles.push(`${method} ${apiPath}`);
          const handler = mod[method] as { operation?: { path: string; method: string } };
          expect(handler.operation, `${method} ${apiPath} is not built with defineRoute`).toBeDefined();
          expect(`${handler.operation!.method} ${handler.operation!.path}`).toBe(`${method} ${apiPath}`);
        }
    }
    const fromDoc = Object.entries(doc.paths).flatMap(([p, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(fromFiles.sort()).toEqual(fromDoc.sort());
  });

  it("every operation's real responses validate against the document", async () => {
    const { secret: key } = await makeApiKey(ALL_SCOPES);
    const { secret: readOnly } = await makeApiKey(["read"]);
    const email = `contract-${Date.now()}@test.example`;

    // Sequences: create through the service world, then draft/publish/versions/diff through the API.
    const { adminId } = await makeApiKey(["read"]);
    const created = await createSequence({ actorId: adminId, name: "Contract", description: "" });
    const seq = { id: created.id };
    const draft = (await checked("getDraft", { key, params: seq })).body;
    const saved = await checked("replaceDraft", {
      key,
      params: seq,
      body: { revision: draft.revision, draft: fiveStepDraft() },
    });
    await checked("replaceDraft", { key, params: seq, body: { revision: draft.revision, draft: fiveStepDraft() } }); // 409 stale
    await checked("replaceDraft", { key, params: seq, body: { revision: 0, draft: { steps: "no" } } }); // 400
    await checked("publishVersion", { key, params: seq, body: { note: "v1" } });
    const changed = fiveStepDraft();
    changed.steps[0] = { ...changed.steps[0]!, subject: "Changed subject" } as (typeof changed.steps)[number];
    await checked("replaceDraft", { key, params: seq, body: { revision: saved.body.revision, draft: changed } });
    await checked("publishVersion", { key, params: seq, body: { note: "v2" } });
    await checked("publishVersion", { key: readOnly, params: seq, body: { note: "v3" } }); // 403
    await checked("listSequences", { key, query: { includeArchived: "true" } });
    await checked("listVersions", { key, params: seq });
    await checked("getVersion", { key, params: { ...seq, number: "2" } });
    await checked("getVersion", { key, params: { ...seq, number: "9" } }); // 404
    const diff = await checked("diffVersions", { key, params: seq, query: { from: "1", to: "2" } });
    expect(diff.body.summary.modified).toBe(1);

    // Sequences as code: export (draft, a version, JSON), push back, create from a document.
    const exported = await checked("getSequenceDocument", { key, params: seq, query: { format: "yaml" } });
    await checked("getSequenceDocument", { key, params: seq, query: { version: "1", format: "json" } });
    await checked("getSequenceDocument", { key, params: seq, query: { version: "9" } }); // 404
    await checked("replaceDraftFromDocument", {
      key,
      params: seq,
      body: { revision: exported.body.revision, document: exported.body.document },
    });
    await checked("replaceDraftFromDocument", {
      key,
      params: seq,
      body: { revision: 0, document: { ...exported.body.document, steps: [] } },
    }); // 409 stale
    await checked("replaceDraftFromDocument", { key, params: seq, body: { revision: 0, document: { name: "" } } }); // 400
    const portable: Record<string, unknown> = { ...exported.body.document };
    delete portable.sequenceId;
    delete portable.revision;
    await checked("createSequence", { key, body: { document: { ...portable, name: `Contract copy ${email}` } } });
    await checked("createSequence", { key: readOnly, body: { document: portable } }); // 403

    // Contacts.
    const one = await checked("upsertContact", { key, body: { email, firstName: "Ada", attributes: { plan: "pro" } } });
    await checked("upsertContact", { key, body: { email: "not-an-email" } }); // 400
    await checked("upsertContactBatch", {
      key,
      body: { contacts: [{ email: `b1-${email}` }, { email: `b2-${email}` }] },
    });
    await checked("getContact", { key, params: { id: one.body.contact.id } });
    await checked("getContact", { key, params: { id: "00000000-0000-7000-8000-000000000000" } }); // 404
    await checked("listContacts", { key, query: { limit: "2" } });
    await checked("listContacts", { key: null }); // 401

    // Enrollments and inbound events.
    const enrolled = await checked("enrollContacts", {
      key,
      body: { sequenceId: seq.id, contacts: [{ email }, { email: `b1-${email}` }, { email: `b2-${email}` }] },
      headers: { "idempotency-key": `contract-${email}` },
    });
    const [first, second] = enrolled.body.enrollments as { id: string }[];
    await checked("listEnrollments", { key, query: { sequenceId: seq.id, status: "active", limit: "1" } });
    await checked("getEnrollment", { key, params: { id: first!.id } });
    await checked("pauseEnrollment", { key, params: { id: first!.id } });
    await checked("pauseEnrollment", { key, params: { id: first!.id } }); // 409 already paused
    await checked("resumeEnrollment", { key, params: { id: first!.id } });
    await checked("unenroll", { key, params: { id: second!.id } });
    await checked("recordReply", { key, body: { email } });
    await checked("recordBounce", { key, body: { email: `b2-${email}`, kind: "hard", reason: "mailbox full" } });
    await checked("recordBounce", { key, body: { email: `nobody-${email}` } }); // 404
    await checked("unsubscribeContact", { key, params: { id: one.body.contact.id } });

    // The validator is not vacuous: a contact missing fields, or with an extra one, fails.
    const contactSchema = doc.paths["/contacts/{id}"]!.get!.responses["200"]!.content["application/json"]!.schema;
    expect(ajv.validate(contactSchema, { id: one.body.contact.id })).toBe(false);
    expect(ajv.validate(contactSchema, { ...one.body.contact, secret: 1 })).toBe(false);

    for (const operationId of Object.keys(API_OPERATIONS))
      expect(
        [...(seen.get(operationId) ?? [])].some((s) => s < 300),
        `${operationId} never succeeded`,
      ).toBe(true);
  });
});
