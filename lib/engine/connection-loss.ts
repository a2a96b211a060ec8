// SQLSTATE classes and driver messages that mean "the database went away", not "this job is bad".
const LOST_CODES = new Set([
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08001",
  "08003",
  "08006",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
]);
const LOST_MESSAGES = [
  /Connection terminated/i,
  /not queryable/i,
  /terminating connection/i,
  /the database system is (starting up|shutting down)/i,
];

export function isConnectionLoss(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  if (typeof e?.code === "string" && LOST_CODES.has(e.code)) return true;
  return typeof e?.message === "string" && LOST_MESSAGES.some((re) => re.test(e.message as string));
}
