import "server-only";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { errorFields, logger } from "@/lib/observability/logger";
import pg from "pg";
import { answerClick, answerOpen, type TrackingAnswer } from "./answer-hit";
import { installEngagementQueue, poolWriter } from "./engagement-queue";

// The tracker (`npm run tracker`, scripts/tracker.ts): a bare node:http server that answers only
// the tracking requests, GET /t/o/<token> and GET /t/c/<token>, plus GET /health, with the very
// answers of the app's route handlers (answer-hit.ts: same token check, same group commit, same
// store statement). It exists because Next's per-request cost caps the app's /t/ routes far below
// the tracking target on a small machine (DEPLOY.md, "Tracker"). Everything else is 404. Nothing
// of a request (path, token, user agent) is logged.

/**
 * Headers on every answer: the app's global security headers (next.config.mjs), under the
 * answer's own (answer-hit.ts). Next lets its global values win (there, the GIF and the redirect
 * go out with the app's page CSP and Referrer-Policy strict-origin-when-cross-origin); here the
 * answer's stricter ones do: no-referrer, and a CSP that allows nothing.
 */
const SECURITY_HEADERS: Record<string, string> = {
  "X-Frame-Options": "DENY",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
  ...(process.env.NODE_ENV === "production"
    ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" }
    : {}),
};
/** The GIF and the redirect have no document to protect; nothing may load or frame them. */
const NO_CONTENT_POLICY = "default-src 'none'; frame-ancestors 'none'";
const TRACKING_PATH = /^\/t\/([oc])\/([^/]+)$/;
/** Request line and headers together (node's parser bound); a tracking request needs about 1 KB. */
export const MAX_HEADER_BYTES = 8 * 1024;

export type Tracker = { server: http.Server; port: number; stop: () => Promise<void> };

function plain(status: number, text: string, extra: Record<string, string> = {}): TrackingAnswer {
  return {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...extra },
    body: text,
  };
}

async function route(req: http.IncomingMessage, stopping: boolean): Promise<TrackingAnswer> {
  // GET carries no body; a request that announces one is refused unread (bounded request size).
  if (req.headers["transfer-encoding"] || Number(req.headers["content-length"] ?? 0) > 0)
    return plain(413, "Request body not accepted\n");
  const rawPath = (req.url ?? "/").split("?", 1)[0]!;
  const tracking = TRACKING_PATH.exec(rawPath);
  if (!tracking && rawPath !== "/health") return plain(404, "Not found\n");
  if (req.method !== "GET") return plain(405, "Method not allowed\n", { Allow: "GET" });
  if (!tracking) {
    // A stopping tracker tells the load balancer to send no more.
    return stopping ? plain(503, "stopping\n") : plain(200, '{"status":"ok"}', { "Content-Type": "application/json" });
  }
  let token: string;
  try {
    token = decodeURIComponent(tracking[2]!);
  } catch {
    token = ""; // malformed percent-encoding: an invalid token (records nothing)
  }
  const userAgent = req.headers["user-agent"] ?? null;
  return tracking[1] === "o" ? answerOpen(token, userAgent) : answerClick(token, userAgent);
}

/**
 * Starts the tracker on `port` (0: any free port) and resolves once it listens. `stop()` is the
 * clean shutdown: stop accepting, answer the requests in flight after their hits are written
 * (the group commit is drained), close the connections and the database pool.
 */
export async function startTracker(options: { port: number; host?: string; poolSize?: number }): Promise<Tracker> {
  const log = logger();
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set: the tracker writes hits to PostgreSQL.");
  // One flush writes at a time; node-postgres directly (no Prisma client in this process).
  const pool = new pg.Pool({ connectionString, max: options.poolSize ?? 2 });
  pool.on("error", (error) => log.error(errorFields(error), "tracker: idle database connection failed"));
  const queue = installEngagementQueue(poolWriter(pool));
  let stopping = false;
  let inFlight = 0;
  let settled: (() => void) | null = null;

  const server = http.createServer(
    {
      maxHeaderSize: MAX_HEADER_BYTES,
      headersTimeout: 10_000,
      requestTimeout: 15_000,
      keepAliveTimeout: 5_000,
    },
    (req, res) => {
      inFlight += 1;
      res.on("close", () => {
        inFlight -= 1;
        if (inFlight === 0) settled?.();
      });
      route(req, stopping)
        .catch((error: unknown) => {
          log.error(errorFields(error), "tracker: request failed");
          return plain(500, "Internal error\n");
        })
        .then((answer) => {
          const closeAfter = stopping || answer.status === 413;
          const length = answer.body === null ? 0 : Buffer.byteLength(answer.body);
          res.writeHead(answer.status, {
            ...SECURITY_HEADERS,
            ...(answer.headers["Content-Security-Policy"] ? {} : { "Content-Security-Policy": NO_CONTENT_POLICY }),
            "Content-Length": String(length),
            ...answer.headers,
            ...(closeAfter ? { Connection: "close" } : {}),
          });
          res.end(answer.body ?? undefined);
        });
    },
  );
  // A malformed or oversized request (node answers 400/431 itself) closes its connection quietly.
  server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const status = error.code === "HPE_HEADER_OVERFLOW" ? "431 Request Header Fields Too Large" : "400 Bad Request";
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "0.0.0.0", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  async function stop(): Promise<void> {
    if (stopping) return;
    stopping = true;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    // Every request already read waits on the queue; drain it, then let their answers go out.
    await queue.drain();
    if (inFlight > 0) await new Promise<void>((resolve) => (settled = resolve));
    server.closeAllConnections();
    await closed;
    await pool.end();
  }

  return { server, port, stop };
}
