// "The database went away" versus "this query is wrong": the worker retries the first, and the
// app answers it with the 503 "Database unavailable" page instead of a crash. Pure, so both the
// engine (pg errors) and the app (Prisma errors wrapping them) share one list.

/** SQLSTATEs, socket codes and Prisma's driver-adapter codes that mean the connection is gone. */
const LOST_CODES = new Set([
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
  "08000",
  "08001",
  "08003",
  "08006",
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EPIPE",
  "ETIMEDOUT",
  "P1001", // Prisma: can't reach database server
  "P1002", // Prisma: server reached but timed out
  "P1008", // Prisma: socket timeout
  "P1017", // Prisma: server has closed the connection
]);
const LOST_MESSAGES = [
  /Connection terminated/i,
  /not queryable/i,
  /terminating connection/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /Can't reach database server/i,
  /Server has closed the connection/i,
  /connect ECONNREFUSED/i,
];

/** True when `error`, or anything in its `cause` chain, says the database connection was lost or refused. */
export function isConnectionLoss(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    const e = current as { code?: unknown; message?: unknown; cause?: unknown; kind?: unknown };
    if (typeof e.code === "string" && LOST_CODES.has(e.code)) return true;
    if (e.kind === "DatabaseNotReachable" || e.kind === "ConnectionClosed" || e.kind === "SocketTimeout") return true;
    if (typeof e.message === "string" && LOST_MESSAGES.some((re) => re.test(e.message as string))) return true;
    current = typeof e === "object" ? e.cause : null;
  }
  return false;
}
