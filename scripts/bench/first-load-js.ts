// First-load JavaScript of every app route, read from a production build's manifests (no server
// needed): the root main files plus every chunk the route's client reference manifest lists for
// its layouts, boundaries and page, each gzipped at level 9, as page-bench's HTML-based count
// does. `npx tsx scripts/bench/first-load-js.ts [distDir]` prints a table and a JSON line with
// first_load_js_kb_<route> for every route and first_load_js_kb_max.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

export function routeKey(route: string): string {
  const name = route
    .replace(/\/page$/, "")
    .replace(/\([^)]*\)\/?/g, "")
    .replace(/\[(\w+)\]/g, "$1")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");
  return name || "home";
}

function manifests(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...manifests(full));
    else if (entry.name === "page_client-reference-manifest.js") out.push(full);
  }
  return out;
}

export function firstLoadJs(distDir: string): Record<string, { kb: number; chunks: number }> {
  const build = JSON.parse(readFileSync(path.join(distDir, "build-manifest.json"), "utf8")) as {
    rootMainFiles: string[];
  };
  const sizes = new Map<string, number>();
  const gz = (file: string) => {
    let size = sizes.get(file);
    if (size === undefined) {
      const full = path.join(distDir, file);
      size = existsSync(full) ? gzipSync(readFileSync(full), { level: 9 }).length : 0;
      sizes.set(file, size);
    }
    return size;
  };
  const result: Record<string, { kb: number; chunks: number }> = {};
  for (const file of manifests(path.join(distDir, "server", "app"))) {
    const sandbox: { self?: unknown; __RSC_MANIFEST?: Record<string, { entryJSFiles: Record<string, string[]> }> } = {};
    sandbox.self = sandbox;
    new Function("self", "globalThis", readFileSync(file, "utf8"))(sandbox, sandbox);
    for (const [route, manifest] of Object.entries(sandbox.__RSC_MANIFEST ?? {})) {
      if (route.includes("/api/") || route.startsWith("/_")) continue;
      const files = new Set(build.rootMainFiles);
      for (const list of Object.values(manifest.entryJSFiles)) for (const f of list) files.add(f);
      const bytes = [...files].reduce((sum, f) => sum + gz(f), 0);
      result[routeKey(route)] = { kb: Math.round((bytes / 1024) * 10) / 10, chunks: files.size };
    }
  }
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dist = path.resolve(process.argv[2] ?? ".next");
  const routes = firstLoadJs(dist);
  const keys: Record<string, number> = {};
  for (const [name, r] of Object.entries(routes).sort()) {
    console.log(`${name.padEnd(40)} ${r.kb.toFixed(1).padStart(7)} KB  ${r.chunks} chunks`);
    keys[`first_load_js_kb_${name}`] = r.kb;
  }
  keys.first_load_js_kb_max = Math.max(...Object.values(keys));
  console.log(JSON.stringify(keys));
}
