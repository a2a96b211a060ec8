import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import { logger } from "./logger";
import { observeRequest } from "./metrics";

// Who and what a log line is about: a request id (the caller's `x-request-id` when it is a sane
// token, else a new UUID) and the acting user or API key, set by defineAction / defineRoute once
// they know it. Carried by AsyncLocalStorage, so code deep in a service logs with them for free.
export type RequestContext = { reqId: string; route: string; userId?: string; apiKeyId?: string };

const storage = new AsyncLocalStorage<RequestContext>();
const SANE_ID = /^[A-Za-z0-9._:-]{8,100}$/;

export function requestIdFrom(headers: Headers | null | undefined): string {
  const given = headers?.get("x-request-id");
  return given && SANE_ID.test(given) ? given : randomUUID();
}

export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}

/** Records the acting user or API key on the current request's context. */
export function setActor(actor: { userId?: string; apiKeyId?: string }): void {
  const context = storage.getStore();
  if (context) Object.assign(context, actor);
}

/** The logger with the current request's fields (or the process logger outside a request). */
export function requestLogger(): Logger {
  const context = storage.getStore();
  return context ? logger().child(context) : logger();
}

/**
 * Runs `work` as one request: a context for its logs, and its duration in the HTTP histogram
 * under `route` (a template such as `POST /api/v1/enrollments` or `action sequences.publish`,
 * never a raw path, so the label set stays small). `statusOf` reads the outcome's status.
 */
export async function observed<T>(
  route: string,
  method: string,
  headers: Headers | null | undefined,
  statusOf: (result: T) => number | string,
  work: () => Promise<T>,
): Promise<T> {
  const context: RequestContext = { reqId: requestIdFrom(headers), route };
  const started = performance.now();
  let status: number | string = 500;
  try {
    const result = await storage.run(context, work);
    status = statusOf(result);
    return result;
  } finally {
    observeRequest(route, method, status, (performance.now() - started) / 1000);
  }
}
