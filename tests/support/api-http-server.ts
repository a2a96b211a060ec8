// A real HTTP server in front of the real /api/v1 route handlers (no Next.js): each request is
// matched against the contract's paths, turned into a Request and answered by the route file's
// exported method, so a client in another process (the `seq` CLI) talks real HTTP to real code.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { API_OPERATIONS } from "@/lib/domain/api-contract";
import { routeFileOf } from "./api";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

const routes = [...new Set(Object.values(API_OPERATIONS).map((o) => o.path))].map((apiPath) => {
  const names: string[] = [];
  const pattern = new RegExp(
    `^/api/v1${apiPath.replace(/\{(\w+)\}/g, (_, name: string) => {
      names.push(name);
      return "([^/]+)";
    })}$`,
  );
  return { apiPath, pattern, names };
});

export async function startApiServer(): Promise<{ url: string; server: Server; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://localhost");
      const route = routes.find((r) => r.pattern.test(url.pathname));
      const mod = route ? ((await import(routeFileOf(route.apiPath))) as Record<string, Handler>) : null;
      const handler = mod?.[req.method ?? "GET"];
      if (!route || !handler) {
        res.writeHead(404, { "content-type": "application/problem+json" });
        res.end(JSON.stringify({ type: "about:blank", title: "Not Found", status: 404, detail: "No such route" }));
        return;
      }
      const match = route.pattern.exec(url.pathname)!;
      const params = Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]));
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
      const body = chunks.length && req.method !== "GET" ? Buffer.concat(chunks) : undefined;
      const response = await handler(new Request(url, { method: req.method, headers, body }), {
        params: Promise.resolve(params),
      });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    })().catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
