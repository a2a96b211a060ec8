// The model of the in-app API reference (/api-docs), read from the OpenAPI document itself
// (buildOpenApiDocument, the same object /api/v1/openapi.json serves), so the page can only show
// what the document says. It turns each JSON Schema into a flat list of rows (a nested field
// table: name with its parent path, type, required, limits, description), which the page renders
// as plain server HTML: no client script, nothing fetched.

type Json = Record<string, unknown>;

/** Text with `code` spans, split so the page renders the code parts in <code>. */
export type RichText = { code: boolean; text: string }[];

export type FieldRow =
  | {
      kind: "field";
      depth: number;
      /** The parent path, e.g. "document.steps[]." (shown muted before the name). */
      parent: string;
      name: string;
      type: string;
      required: boolean;
      limits: RichText[];
      description: RichText | null;
    }
  | { kind: "variant"; depth: number; parent: string; label: RichText };

export type ParameterRow = {
  name: string;
  in: string;
  type: string;
  required: boolean;
  limits: RichText[];
  description: RichText | null;
};

export type ApiOperationView = {
  /** The operationId, also the anchor of the operation on the page. */
  id: string;
  method: string;
  path: string;
  summary: string;
  description: RichText;
  scope: string | null;
  parameters: ParameterRow[];
  body: { contentType: string; required: boolean; fields: FieldRow[] } | null;
  success: { status: string; description: string; contentType: string | null; fields: FieldRow[] };
  errors: { status: string; description: string; contentType: string | null }[];
};

export type ApiTagView = { id: string; name: string; title: string; operations: ApiOperationView[] };

export type ApiReferenceView = {
  title: string;
  version: string;
  openapi: string;
  intro: RichText[];
  serverUrl: string;
  auth: RichText | null;
  tags: ApiTagView[];
  problem: { fields: FieldRow[] };
};

const MAX_DEPTH = 12;

export function richText(text: string): RichText {
  return text
    .split("`")
    .map((part, i) => ({ code: i % 2 === 1, text: part }))
    .filter((part) => part.text !== "");
}

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function resolve(doc: Json, schema: unknown): Json {
  if (!isObject(schema)) return {};
  const ref = schema.$ref;
  if (typeof ref !== "string" || !ref.startsWith("#/")) return schema;
  let target: unknown = doc;
  for (const key of ref.slice(2).split("/")) target = isObject(target) ? target[key] : undefined;
  return isObject(target) ? target : {};
}

const number = (n: number) => n.toLocaleString("en-US");
/** zod writes the safe-integer range for a plain int(): not a limit worth printing. */
const bound = (value: unknown) =>
  typeof value === "number" && Math.abs(value) < Number.MAX_SAFE_INTEGER ? value : undefined;

function range(min: number | undefined, max: number | undefined, unit: string): string | null {
  const u = unit ? ` ${unit}` : "";
  if (min !== undefined && max !== undefined)
    return min === max ? `exactly ${number(min)}${u}` : `${number(min)} to ${number(max)}${u}`;
  if (max !== undefined) return `at most ${number(max)}${u}`;
  if (min !== undefined) return `at least ${number(min)}${u}`;
  return null;
}

const literal = (value: unknown) => "`" + JSON.stringify(value) + "`";

/** The limits of one (non-union) schema, as short phrases. */
function ownLimits(s: Json): string[] {
  const out: string[] = [];
  if ("const" in s) out.push(`always ${literal(s.const)}`);
  if (Array.isArray(s.enum)) out.push(`one of ${s.enum.map(literal).join(", ")}`);
  const length = range(bound(s.minLength), bound(s.maxLength), "characters");
  if (length) out.push(length);
  const value = range(bound(s.minimum), bound(s.maximum), "");
  if (value) out.push(value);
  const items = range(bound(s.minItems), bound(s.maxItems), "items");
  if (items) out.push(items);
  // A format (uuid, email, date-time) says it better than zod's long pattern for it.
  if (typeof s.pattern === "string" && typeof s.format !== "string") out.push("pattern `" + s.pattern + "`");
  if ("default" in s) out.push(`default ${literal(s.default)}`);
  return out;
}

type Described = { type: string; limits: string[] };

function variantsOf(s: Json): unknown[] | null {
  if (Array.isArray(s.oneOf)) return s.oneOf;
  if (Array.isArray(s.anyOf)) return s.anyOf;
  return null;
}

const isStructured = (s: Json) => s.type === "object" || s.type === "array" || isObject(s.properties);

function describe(doc: Json, raw: unknown, depth = 0): Described {
  const s = resolve(doc, raw);
  if (depth > MAX_DEPTH) return { type: "any", limits: [] };
  const variants = variantsOf(s);
  if (variants) {
    const all = variants.map((v) => resolve(doc, v));
    const nonNull = all.filter((v) => v.type !== "null");
    const nullable = nonNull.length < all.length ? " | null" : "";
    const shared = ownLimits({ ...s, anyOf: undefined, oneOf: undefined });
    if (nonNull.length === 1) {
      const one = describe(doc, nonNull[0], depth + 1);
      return { type: one.type + nullable, limits: [...one.limits, ...shared] };
    }
    if (nonNull.every((v) => !isStructured(v))) {
      const described = nonNull.map((v) => describe(doc, v, depth + 1));
      const types = [...new Set(described.map((d) => d.type))].join(" | ");
      const alternatives = described.filter((d) => d.limits.length > 0).map((d) => d.limits.join(", "));
      const limits = alternatives.length > 1 ? [alternatives.join(" or ")] : alternatives;
      return { type: types + nullable, limits: [...limits, ...shared] };
    }
    return { type: `one of ${nonNull.length} shapes${nullable}`, limits: shared };
  }
  const limits = ownLimits(s);
  const type = Array.isArray(s.type) ? s.type.join(" | ") : typeof s.type === "string" ? s.type : null;
  if (type === "array") {
    const items = describe(doc, s.items, depth + 1);
    const itemSchema = resolve(doc, s.items);
    // Limits of scalar items go on this row; an object's limits are on its own rows below.
    if (!isStructured(itemSchema) && !variantsOf(itemSchema) && items.limits.length > 0)
      limits.push(`each: ${items.limits.join(", ")}`);
    return { type: `array of ${items.type}`, limits };
  }
  if (type === "object" || isObject(s.properties)) {
    const hasProperties = isObject(s.properties) && Object.keys(s.properties).length > 0;
    const extra = s.additionalProperties;
    if (!hasProperties && extra !== undefined && extra !== false) {
      const key = describe(doc, s.propertyNames ?? { type: "string" }, depth + 1);
      const value = describe(doc, extra === true ? {} : extra, depth + 1);
      if (key.limits.length > 0) limits.push(`keys: ${key.limits.join(", ")}`);
      if (value.limits.length > 0) limits.push(`values: ${value.limits.join(", ")}`);
      return { type: `map of ${key.type} to ${value.type}`, limits };
    }
    if (hasProperties && extra !== undefined && extra !== false) limits.push("other keys allowed");
    return { type: "object", limits };
  }
  if (type === null && "const" in s) return { type: typeof s.const, limits };
  const format = typeof s.format === "string" ? ` (${s.format})` : "";
  return { type: (type ?? "any") + format, limits };
}

/** "when `type` is `"email"`" for a variant whose property is a constant in every variant. */
function variantLabels(doc: Json, variants: Json[]): string[] {
  const props = variants.map((v) => (isObject(v.properties) ? v.properties : {}));
  const first = props[0] ?? {};
  const discriminator = Object.keys(first).find((key) =>
    props.every((p) => isObject(p[key]) && "const" in (resolve(doc, p[key]) as Json)),
  );
  return variants.map((_, i) => {
    if (discriminator === undefined) return `shape ${i + 1} of ${variants.length}`;
    const value = resolve(doc, props[i]![discriminator]).const;
    return `when \`${discriminator}\` is ${literal(value)}`;
  });
}

/** The rows below a field: an object's properties, an array's items, a union's variants. */
function childRows(doc: Json, raw: unknown, path: string, depth: number, out: FieldRow[]): void {
  if (depth > MAX_DEPTH) return;
  const s = resolve(doc, raw);
  const variants = variantsOf(s);
  if (variants) {
    const structured = variants.map((v) => resolve(doc, v)).filter((v) => v.type !== "null" && isStructured(v));
    if (structured.length === 1) childRows(doc, structured[0], path, depth, out);
    else if (structured.length > 1) {
      const labels = variantLabels(doc, structured);
      structured.forEach((variant, i) => {
        out.push({ kind: "variant", depth, parent: path, label: richText(labels[i]!) });
        childRows(doc, variant, path, depth + 1, out);
      });
    }
    return;
  }
  if (s.type === "array") {
    childRows(doc, s.items, `${path}[]`, depth, out);
    return;
  }
  if (isObject(s.properties)) {
    const required = Array.isArray(s.required) ? s.required : [];
    for (const [name, property] of Object.entries(s.properties)) {
      const described = describe(doc, property);
      const own = resolve(doc, property);
      out.push({
        kind: "field",
        depth,
        parent: path ? `${path}.` : "",
        name,
        type: described.type,
        required: required.includes(name),
        limits: described.limits.map(richText),
        description: typeof own.description === "string" ? richText(own.description) : null,
      });
      childRows(doc, property, path ? `${path}.${name}` : name, depth + 1, out);
    }
  }
}

export function schemaRows(doc: Json, schema: unknown): FieldRow[] {
  const out: FieldRow[] = [];
  const s = resolve(doc, schema);
  if (!isObject(s.properties) && !variantsOf(s)) {
    // Not an object: one row for the whole body.
    const described = describe(doc, s);
    out.push({
      kind: "field",
      depth: 0,
      parent: "",
      name: "(body)",
      type: described.type,
      required: true,
      limits: described.limits.map(richText),
      description: typeof s.description === "string" ? richText(s.description) : null,
    });
  }
  childRows(doc, s, "", 0, out);
  return out;
}

function firstContent(doc: Json, holder: unknown): { contentType: string; schema: unknown } | null {
  const content = resolve(doc, holder).content;
  if (!isObject(content)) return null;
  const [contentType, media] = Object.entries(content)[0] ?? [];
  return contentType ? { contentType, schema: isObject(media) ? media.schema : undefined } : null;
}

function operationView(doc: Json, method: string, path: string, op: Json): ApiOperationView {
  const parameters = (Array.isArray(op.parameters) ? op.parameters : []).map((raw): ParameterRow => {
    const p = resolve(doc, raw);
    const described = describe(doc, p.schema);
    return {
      name: String(p.name),
      in: String(p.in),
      type: described.type,
      required: p.required === true,
      limits: described.limits.map(richText),
      description: typeof p.description === "string" ? richText(p.description) : null,
    };
  });
  const body = op.requestBody ? firstContent(doc, op.requestBody) : null;
  const responses = Object.entries(isObject(op.responses) ? op.responses : {});
  const [successStatus, successRaw] = responses.find(([status]) => status.startsWith("2")) ?? ["200", {}];
  const success = resolve(doc, successRaw);
  const successContent = firstContent(doc, success);
  return {
    id: String(op.operationId ?? `${method}-${path}`),
    method: method.toUpperCase(),
    path,
    summary: String(op.summary ?? ""),
    description: richText(typeof op.description === "string" ? op.description : ""),
    scope: typeof op["x-scope"] === "string" ? op["x-scope"] : null,
    parameters,
    body: body
      ? {
          contentType: body.contentType,
          required: resolve(doc, op.requestBody).required === true,
          fields: schemaRows(doc, body.schema),
        }
      : null,
    success: {
      status: successStatus,
      description: String(success.description ?? ""),
      contentType: successContent?.contentType ?? null,
      fields: successContent ? schemaRows(doc, successContent.schema) : [],
    },
    errors: responses
      .filter(([status]) => !status.startsWith("2"))
      .map(([status, raw]) => ({
        status,
        description: String(resolve(doc, raw).description ?? ""),
        contentType: firstContent(doc, raw)?.contentType ?? null,
      })),
  };
}

const METHODS = ["get", "post", "put", "patch", "delete"];

export function buildApiReference(doc: Json): ApiReferenceView {
  const info = resolve(doc, doc.info);
  const tagNames = (Array.isArray(doc.tags) ? doc.tags : []).map((t) => String(resolve(doc, t).name));
  const byTag = new Map<string, ApiOperationView[]>(tagNames.map((name) => [name, []]));
  for (const [path, item] of Object.entries(isObject(doc.paths) ? doc.paths : {})) {
    for (const method of METHODS) {
      const op = resolve(doc, resolve(doc, item)[method]);
      if (Object.keys(op).length === 0) continue;
      const tag = Array.isArray(op.tags) && typeof op.tags[0] === "string" ? op.tags[0] : "other";
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag)!.push(operationView(doc, method, path, op));
    }
  }
  const servers = Array.isArray(doc.servers) ? doc.servers : [];
  const schemes = resolve(doc, resolve(doc, doc.components).securitySchemes);
  const scheme = Object.values(schemes).map((s) => resolve(doc, s))[0];
  return {
    title: String(info.title ?? "API"),
    version: String(info.version ?? ""),
    openapi: String(doc.openapi ?? ""),
    intro: String(info.description ?? "")
      .split(/\n\n+/)
      .filter(Boolean)
      .map(richText),
    serverUrl: String(resolve(doc, servers[0]).url ?? "/"),
    auth: scheme
      ? richText(
          `${scheme.scheme === "bearer" ? "Bearer token" : String(scheme.type)}: ${String(scheme.description ?? "")}`,
        )
      : null,
    tags: [...byTag]
      .filter(([, operations]) => operations.length > 0)
      .map(([name, operations]) => ({
        id: `tag-${name}`,
        name,
        title: name.charAt(0).toUpperCase() + name.slice(1),
        operations,
      })),
    problem: { fields: schemaRows(doc, { $ref: "#/components/schemas/Problem" }) },
  };
}
