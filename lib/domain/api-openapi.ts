import { z } from "zod";
import { API_OPERATIONS, type ApiOperation } from "./api-contract";
import { API_SCOPE_LABELS, API_SCOPES } from "./api-scopes";

// The OpenAPI 3.1 document of /api/v1, generated from the contract (the same zod schemas that
// validate requests). OpenAPI 3.1 schemas are JSON Schema 2020-12, which zod 4 emits directly.

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const out = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as JsonSchema;
  delete out.$schema;
  return out;
}

const problemSchema: JsonSchema = {
  type: "object",
  description: "RFC 9457 problem document",
  properties: {
    type: { type: "string" },
    title: { type: "string" },
    status: { type: "integer" },
    detail: { type: "string" },
    errors: {
      type: "object",
      description: "Field errors by dotted path",
      additionalProperties: { type: "array", items: { type: "string" } },
    },
    details: {},
  },
  required: ["type", "title", "status", "detail"],
};

const problemResponse = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
});

function parameters(operation: ApiOperation): JsonSchema[] {
  const out: JsonSchema[] = [];
  for (const [where, schema] of [
    ["path", operation.params],
    ["query", operation.query],
  ] as const) {
    if (!schema) continue;
    const object = jsonSchema(schema, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, property] of Object.entries(object.properties ?? {})) {
      const { description, ...rest } = property;
      out.push({
        name,
        in: where,
        required: where === "path" || (object.required ?? []).includes(name),
        ...(description ? { description } : {}),
        schema: rest,
      });
    }
  }
  if (operation.idempotent)
    out.push({
      name: "Idempotency-Key",
      in: "header",
      required: false,
      description: "Same key and body within 24 hours replays the first response; a different body is a 409",
      schema: { type: "string", minLength: 1, maxLength: 200 },
    });
  return out;
}

function operationObject(operation: ApiOperation): JsonSchema {
  const status = String(operation.status ?? 200);
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    tags: [operation.tag],
    security: [{ apiKey: [] }],
    "x-scope": operation.scope,
    description: `Needs an API key with the \`${operation.scope}\` scope.`,
    parameters: parameters(operation),
    ...(operation.body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: jsonSchema(operation.body, "input") } },
          },
        }
      : {}),
    responses: {
      [status]: {
        description: "Success",
        content: { "application/json": { schema: jsonSchema(operation.response, "output") } },
      },
      "400": problemResponse("Malformed JSON or a field failed validation (see errors)"),
      "401": problemResponse("Missing, unknown or revoked API key"),
      "403": problemResponse("The key lacks the scope"),
      "404": problemResponse("No such resource"),
      "409": problemResponse("Conflict with the current state"),
      "413": problemResponse("Body too large"),
      "422": problemResponse("Refused by a domain rule"),
      "429": problemResponse("Rate limited; see Retry-After"),
      "500": problemResponse("Internal error"),
    },
  };
}

export function buildOpenApiDocument(options: { serverUrl?: string } = {}): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const operation of Object.values(API_OPERATIONS) as ApiOperation[]) {
    (paths[operation.path] ??= {})[operation.method.toLowerCase()] = operationObject(operation);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Sequencer API",
      version: "1",
      description: [
        "Enroll contacts, record inbound events and manage versioned sequences.",
        "Authenticate with `Authorization: Bearer seq_live_...` (Settings > API keys).",
        "Scopes: " + API_SCOPES.map((s) => `\`${s}\` (${API_SCOPE_LABELS[s]})`).join("; ") + ".",
        "Errors are RFC 9457 problem documents.",
      ].join("\n\n"),
    },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    servers: [{ url: options.serverUrl ?? "/api/v1" }],
    tags: [{ name: "contacts" }, { name: "enrollments" }, { name: "inbound" }, { name: "sequences" }],
    paths,
    components: {
      schemas: { Problem: problemSchema },
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "seq_live_... API key" } },
    },
  };
}
