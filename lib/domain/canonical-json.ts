// Zod-free so the diff (which compares steps by canonical JSON) can run in the browser cheaply.
// Values JSON.stringify drops from objects (and turns into null inside arrays).
function isOmitted(value: unknown): boolean {
  return value === undefined || typeof value === "function" || typeof value === "symbol";
}

function hasToJSON(value: object): value is { toJSON: (key: string) => unknown } {
  return typeof (value as { toJSON?: unknown }).toJSON === "function";
}

function encode(value: unknown, key: string, stack: Set<object>): string | undefined {
  let current = value;
  if (typeof current === "object" && current !== null && hasToJSON(current)) {
    current = current.toJSON(key);
  }
  if (isOmitted(current)) return undefined;
  if (typeof current === "bigint") throw new TypeError("canonicalJson cannot encode a BigInt");
  if (typeof current !== "object" || current === null) return JSON.stringify(current);

  if (stack.has(current)) throw new TypeError("canonicalJson cannot encode a circular structure");
  stack.add(current);
  try {
    if (Array.isArray(current)) {
      const items = current.map((item, i) => encode(item, String(i), stack) ?? "null");
      return `[${items.join(",")}]`;
    }
    const record = current as Record<string, unknown>;
    // Default sort compares UTF-16 code units: locale-independent, so every runtime agrees.
    const members: string[] = [];
    for (const k of Object.keys(record).sort()) {
      const encoded = encode(record[k], k, stack);
      if (encoded !== undefined) members.push(`${JSON.stringify(k)}:${encoded}`);
    }
    return `{${members.join(",")}}`;
  } finally {
    stack.delete(current);
  }
}

/**
 * JSON with object keys sorted recursively and no whitespace, so equal content always produces
 * the same bytes regardless of how it was built or stored (jsonb does not keep key order).
 */
export function canonicalJson(value: unknown): string {
  const encoded = encode(value, "", new Set());
  if (encoded === undefined)
    throw new TypeError("canonicalJson cannot encode a top-level undefined, function or symbol");
  return encoded;
}
