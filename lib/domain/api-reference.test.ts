import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "./api-openapi";
import { buildApiReference, richText, schemaRows, type FieldRow } from "./api-reference";

const doc = buildOpenApiDocument() as { paths: Record<string, Record<string, { operationId: string }>> };
const reference = buildApiReference(doc);
const operations = reference.tags.flatMap((tag) => tag.operations);
const op = (id: string) => operations.find((o) => o.id === id)!;
const field = (rows: FieldRow[], path: string) =>
  rows.find((r) => r.kind === "field" && r.parent + r.name === path) as Extract<FieldRow, { kind: "field" }>;
const plain = (text: { text: string }[]) => text.map((p) => p.text).join("");

describe("API reference model", () => {
  it("shows every operation of the document once, under its tag, in the document's order", () => {
    const expected = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, o]) => `${method.toUpperCase()} ${path} ${o.operationId}`),
    );
    expect(operations.map((o) => `${o.method} ${o.path} ${o.id}`)).toEqual(expected);
    expect(reference.tags.map((t) => t.name)).toEqual(["contacts", "enrollments", "inbound", "sequences"]);
  });

  it("lists parameters with where they go, requiredness and limits", () => {
    const list = op("listContacts");
    expect(list.scope).toBe("read");
    const limit = list.parameters.find((p) => p.name === "limit")!;
    expect(limit).toMatchObject({ in: "query", type: "integer", required: false });
    expect(limit.limits.map(plain)).toEqual(["1 to 200", "default 50"]);
    expect(op("enrollContacts").parameters.map((p) => `${p.in}:${p.name}`)).toContain("header:Idempotency-Key");
  });

  it("flattens a nested request body with parent paths, a union's variants and readable limits", () => {
    const rows = op("createSequence").body!.fields;
    expect(field(rows, "document")).toMatchObject({ depth: 0, type: "object", required: true });
    expect(field(rows, "document.steps")).toMatchObject({ depth: 1, type: "array of one of 4 shapes" });
    const variants = rows.filter((r) => r.kind === "variant").map((r) => plain(r.label));
    expect(variants).toEqual([
      'when type is "email"',
      'when type is "sms"',
      'when type is "wait"',
      'when type is "task"',
    ]);
    const subject = field(rows, "document.steps[].subject");
    expect(subject).toMatchObject({ depth: 3, type: "string", required: true });
    expect(subject.limits.map(plain)).toEqual(["at most 200 characters"]);
    expect(field(rows, "document.name").limits.map(plain)).toEqual(["1 to 120 characters"]);
    expect(field(rows, "document.settings.sendWindow.weekdays").limits.map(plain)).toEqual([
      "1 to 7 items",
      "each: 1 to 7",
    ]);
    // zod's safe-integer bounds are not limits; a format replaces zod's long pattern.
    expect(field(rows, "document.revision").limits.map(plain)).toEqual(["at least 0"]);
    expect(field(rows, "document.sequenceId")).toMatchObject({ type: "string (uuid)", limits: [] });
    expect(plain(field(rows, "document.sequenceId").description!)).toMatch(/pulled from/);
  });

  it("names nullable fields, maps and success responses", () => {
    const body = op("upsertContact").body!.fields;
    expect(field(body, "firstName")).toMatchObject({ type: "string | null", required: false });
    expect(field(body, "attributes").type).toBe("map of string to string");
    expect(field(body, "attributes").limits.map(plain)).toEqual([
      "default {}",
      "keys: 1 to 100 characters",
      "values: at most 2,000 characters",
    ]);
    const enroll = op("enrollContacts");
    expect(enroll.success.status).toBe("201");
    expect(enroll.errors.map((e) => e.status)).toEqual(["400", "401", "403", "404", "409", "413", "422", "429", "500"]);
    expect(enroll.errors.every((e) => e.contentType === "application/problem+json")).toBe(true);
  });

  it("describes the problem document through its $ref", () => {
    expect(
      reference.problem.fields.map((r) => (r.kind === "field" ? `${r.name}${r.required ? "*" : ""}` : "")),
    ).toEqual(["type*", "title*", "status*", "detail*", "errors", "details"]);
  });

  it("renders a non-object body as one row and splits `code` spans", () => {
    expect(schemaRows({}, { type: "array", items: { type: "string" }, maxItems: 3 })).toEqual([
      expect.objectContaining({
        name: "(body)",
        type: "array of string",
        limits: [[{ code: false, text: "at most 3 items" }]],
      }),
    ]);
    expect(richText("Needs the `read` scope.")).toEqual([
      { code: false, text: "Needs the " },
      { code: true, text: "read" },
      { code: false, text: " scope." },
    ]);
  });
});
