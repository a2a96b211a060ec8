import "server-only";
import type { z } from "zod";
import type { ApiOperation } from "@/lib/domain/api-contract";
import { fieldErrors, problem, type Problem, type ProblemSlug } from "@/lib/domain/api-problem";
import { DomainError } from "../errors";
import { authenticateKey, type ApiKeyContext } from "./authenticate-key";
import { completeIdempotencyKey, releaseIdempotencyKey, requestHash, reserveIdempotencyKey } from "./idempotency";
import { takeRateToken } from "./rate-limit";
import { BodyTooLargeError, maxBodyBytes, readBodyCapped } from "./read-body";
import { errorFields } from "@/lib/observability/logger";
import { observed, requestLogger, setActor } from "@/lib/observability/request-context";

/** What a handler may return for a response schema: dates may still be Date objects (JSON makes them ISO strings). */
type Serialisable<T> = T extends string
  ? T | Date
  : T extends (infer U)[]
    ? Serialisable<U>[]
    : T extends object
      ? { [K in keyof T]: Serialisable<T[K]> }
      : T;

type Output<S> = S extends z.ZodType ? z.output<S> : undefined;

export type RouteContext<O extends ApiOperation> = {
  key: ApiKeyContext;
  params: Output<O["params"]>;
  query: Output<O["query"]>;
  body: Output<O["body"]>;
  request: Request;
};

type NextContext = { params: Promise<Record<string, string | string[] | undefined>> };
export type ApiRouteHandler = ((request: Request, context: NextContext) => Promise<Response>) & {
  operation: ApiOperation;
};

const DOMAIN_STATUS: Record<DomainError["code"], ProblemSlug> = {
  invalid: "unprocessable",
  conflict: "conflict",
  not_found: "not-found",
  forbidden: "forbidden",
  unauthenticated: "unauthenticated",
};

export function problemResponse(body: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status: body.status,
    headers: { "content-type": "application/problem+json", "cache-control": "no-store", ...headers },
  });
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store", ...headers },
  });
}

function queryObject(url: URL): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of url.searchParams) out[name] = value;
  return out;
}

class Refusal extends Error {
  constructor(readonly response: Response) {
    super("refused");
  }
}

async function parseBody(request: Request, schema: z.ZodType): Promise<{ raw: string; value: unknown }> {
  const type = request.headers.get("content-type") ?? "application/json";
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type))
    throw new Refusal(problemResponse(problem("unsupported-media-type", "Send the body as application/json.")));
  let raw: string;
  try {
    raw = await readBodyCapped(request);
  } catch (error) {
    if (error instanceof BodyTooLargeError)
      throw new Refusal(
        problemResponse(problem("payload-too-large", `The body is larger than ${maxBodyBytes()} bytes.`)),
      );
    throw error;
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    throw new Refusal(problemResponse(problem("invalid-request", "The body is not valid JSON.")));
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.length ? `${first.path.join(".")}: ` : "";
    throw new Refusal(
      problemResponse(
        problem("invalid-request", `Invalid body. ${where}${first?.message ?? ""}`.trim(), {
          errors: fieldErrors(parsed.error.issues),
        }),
      ),
    );
  }
  return { raw, value: parsed.data };
}

/**
 * The one way to build a /api/v1 route handler, like defineAction for server actions: API key
 * (401), rate limit (429), scope (403), path params (404), query and body (413/415/400 with field
 * errors), Idempotency-Key, then the handler; a DomainError becomes its problem, anything else
 * is logged (no body, no key) and answered with a generic 500 problem.
 */
export function defineRoute<const O extends ApiOperation>(
  operation: O,
  handler: (ctx: RouteContext<O>) => Promise<Serialisable<z.output<O["response"]>>>,
): ApiRouteHandler {
  const route = async (request: Request, context: NextContext): Promise<Response> => {
    let idempotency: { keyId: string; key: string } | null = null;
    try {
      const key = await authenticateKey(request.headers.get("authorization"));
      if (!key)
        return problemResponse(
          problem("unauthenticated", "Send a valid, unrevoked API key as `Authorization: Bearer seq_live_...`."),
          { "www-authenticate": 'Bearer realm="sequencer"' },
        );
      setActor({ apiKeyId: key.id });
      const rate = await takeRateToken(key.id);
      const rateHeaders = { "ratelimit-limit": String(rate.limit), "ratelimit-remaining": String(rate.remaining) };
      if (!rate.allowed)
        return problemResponse(
          problem("rate-limited", `This key may make ${rate.limit} requests a minute. Retry later.`),
          { ...rateHeaders, "retry-after": String(rate.retryAfterSeconds) },
        );
      if (!key.scopes.includes(operation.scope))
        return problemResponse(problem("forbidden", `This endpoint needs the \`${operation.scope}\` scope.`));

      const params = operation.params ? operation.params.safeParse(await context.params) : null;
      if (params && !params.success) return problemResponse(problem("not-found", "No such resource."));
      const url = new URL(request.url);
      const query = operation.query ? operation.query.safeParse(queryObject(url)) : null;
      if (query && !query.success)
        return problemResponse(
          problem("invalid-request", "Invalid query parameters.", { errors: fieldErrors(query.error.issues) }),
        );
      const body = operation.body ? await parseBody(request, operation.body) : null;

      const idempotencyKey = operation.idempotent ? request.headers.get("idempotency-key") : null;
      if (idempotencyKey !== null) {
        if (idempotencyKey.length < 1 || idempotencyKey.length > 200)
          return problemResponse(problem("invalid-request", "Idempotency-Key must be 1 to 200 characters."));
        const hash = requestHash(request.method, url.pathname, body?.raw ?? "");
        const reservation = await reserveIdempotencyKey(key.id, idempotencyKey, hash);
        if (reservation.kind === "mismatch")
          return problemResponse(problem("conflict", "This Idempotency-Key was used with a different request body."));
        if (reservation.kind === "in_progress")
          return problemResponse(problem("conflict", "A request with this Idempotency-Key is still running."));
        if (reservation.kind === "replay")
          return json(reservation.status, reservation.body, { ...rateHeaders, "idempotent-replayed": "true" });
        idempotency = { keyId: key.id, key: idempotencyKey };
      }

      const result = await handler({
        key,
        params: (params?.data ?? undefined) as Output<O["params"]>,
        query: (query?.data ?? undefined) as Output<O["query"]>,
        body: (body?.value ?? undefined) as Output<O["body"]>,
        request,
      });
      const status = operation.status ?? 200;
      // Round-trip once so the stored replay is byte-for-byte what this response says.
      const payload: unknown = JSON.parse(JSON.stringify(result));
      if (idempotency) await completeIdempotencyKey(idempotency.keyId, idempotency.key, status, payload);
      return json(status, payload, rateHeaders);
    } catch (error) {
      if (idempotency) await releaseIdempotencyKey(idempotency.keyId, idempotency.key).catch(() => {});
      if (error instanceof Refusal) return error.response;
      if (error instanceof DomainError)
        return problemResponse(
          problem(
            DOMAIN_STATUS[error.code],
            error.message,
            error.details === undefined ? {} : { details: error.details },
          ),
        );
      // Name and stack only: request bodies and keys never reach the log.
      requestLogger().error(errorFields(error), `api ${operation.operationId} failed`);
      return problemResponse(problem("internal", "Something went wrong on our side. Please retry later."));
    }
  };
  const routeName = `${operation.method} /api/v1${operation.path}`;
  const timed = async (request: Request, context: NextContext) =>
    observed(
      routeName,
      operation.method,
      request.headers,
      (r: Response) => r.status,
      () => route(request, context),
    );
  return Object.assign(timed, { operation });
}
