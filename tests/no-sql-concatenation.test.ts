// Application code never builds SQL from strings: Prisma queries, tagged `$queryRaw`/`$executeRaw`
// templates (parameterised) and pg queries with $n placeholders only. This scan keeps it so.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const APP_CODE = ["lib", "app", "components"];
const SKIP = new Set(["generated"]);
// The store's Prisma adapter runs the store's own constant statements with positional values
// through $queryRawUnsafe (see the comment there); it is the one file allowed that API.
const ALLOWED_UNSAFE_RAW = new Set([path.join("lib", "store", "sql.ts")]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return SKIP.has(entry) ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry) && !entry.endsWith(".test.ts") ? [full] : [];
  });
}

const UNSAFE = [
  { name: "Prisma's unsafe raw API", pattern: /\$(query|execute)RawUnsafe\b/ },
  // pg's .query(`... ${x} ...`): interpolation into the SQL text instead of a $n parameter.
  { name: "interpolated pg query text", pattern: /\.query(<[^>]*>)?\(\s*`[^`]*\$\{(?![^}]*escapeIdentifier)/ },
  {
    name: "SQL built with +",
    pattern: /\.query(<[^>]*>)?\(\s*["'`][^"'`]*(SELECT|INSERT|UPDATE|DELETE)[^"'`]*["'`]\s*\+/i,
  },
];

describe("no raw SQL built by string concatenation", () => {
  const files = APP_CODE.flatMap((dir) => sourceFiles(path.join(ROOT, dir)));

  it("scans the application code", () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it.each(UNSAFE)("finds no $name", ({ name, pattern }) => {
    const allowed = (file: string) => name === UNSAFE[0]!.name && ALLOWED_UNSAFE_RAW.has(path.relative(ROOT, file));
    const offenders = files
      .filter((file) => !allowed(file) && pattern.test(readFileSync(file, "utf8")))
      .map((f) => path.relative(ROOT, f));
    expect(offenders).toEqual([]);
  });

  it("allows the unsafe raw API only in the store's adapter, which uses it", () => {
    const adapter = readFileSync(path.join(ROOT, "lib", "store", "sql.ts"), "utf8");
    expect(UNSAFE[0]!.pattern.test(adapter)).toBe(true);
    expect([...ALLOWED_UNSAFE_RAW]).toEqual([path.join("lib", "store", "sql.ts")]);
  });

  it("would catch an offender", () => {
    expect(UNSAFE[0]!.pattern.test("await db().$queryRawUnsafe(`SELECT 1`)")).toBe(true);
    expect(UNSAFE[1]!.pattern.test("client.query(`SELECT * FROM t WHERE id = '${id}'`)")).toBe(true);
    expect(UNSAFE[1]!.pattern.test("client.query(`DROP DATABASE ${pg.escapeIdentifier(name)}`)")).toBe(false);
    expect(UNSAFE[2]!.pattern.test('client.query("SELECT * FROM t WHERE id = " + id)')).toBe(true);
  });
});
