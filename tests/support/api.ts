// Calls the real /api/v1 route handlers with real Request objects (no server): each operation of
// the contract maps to its route file, so tests address endpoints by operation id.
import path from "node:path";
import type { z } from "zod";
import { API_OPERATIONS, type ApiOperationId } from "@/lib/domain/api-contract";
import type { ApiScope } from "@/lib/domain/api-scopes";
import { createApiKey } from "@/lib/server/api-keys/create-api-key";
import { makeUser } from "./factories";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** app/api/v1/contacts/[id]/route.ts for "/contacts/{id}". */
export function routeFileOf(apiPath: string): string {
  const segments = apiPath.replace(/\{(\w+)\}/g, "[$1]");
  return path.join(ROOT, "app/api/v1", segments, "route.ts");
}

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export type ApiCall = {
  key?: string | null;
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
};

/** The success shape, plus the problem fields a refusal carries instead (tests read whichever they expect). */
type ProblemFields = {
  type?: string;
  title?: string;
  detail?: string;
  errors?: Record<string, string[]>;
  details?: Record<string, unknown[]>;
};
export type ApiResult<Id extends ApiOperationId = ApiOperationId> = {
  status: number;
  headers: Headers;
  body: z.output<(typeof API_OPERATIONS)[Id]["response"]> & ProblemFields;
  contentType: string;
};

export async function callApi<Id extends ApiOperationId>(operationId: Id, call: ApiCall = {}): Promise<ApiResult<Id>> {
  const operation = API_OPERATIONS[operationId];
  const mod = (await import(routeFileOf(operation.path))) as Record<string, Handler>;
  const handler = mod[operation.method];
  if (!handler) throw new Error(`${operation.path} exports no ${operation.method}`);
  let urlPath: string = operation.path;
  for (const [name, value] of Object.entries(call.params ?? {})) urlPath = urlPath.replace(`{${name}}`, value);
  const url = new URL(`http://localhost/api/v1${urlPath}`);
  for (const [name, value] of Object.entries(call.query ?? {})) url.searchParams.set(name, value);
  const headers = new Headers(call.headers);
  if (call.key) headers.set("authorization", `Bearer ${call.key}`);
  const body = call.rawBody ?? (call.body === undefined ? undefined : JSON.stringify(call.body));
  if (body !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json");
  const request = new Request(url, { method: operation.method, headers, body });
  const response = await handler(request, { params: Promise.resolve(call.params ?? {}) });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    contentType: response.headers.get("content-type") ?? "",
    body: text ? JSON.parse(text) : null,
  };
}

/** An admin and a fresh key with `scopes`; returns the secret. */
export async function makeApiKey(scopes: ApiScope[], name = "test key") {
  const admin = await makeUser("admin");
  const key = await createApiKey({ actorId: admin.id, input: { name, scopes } });
  return { ...key, adminId: admin.id };
}

export const ALL_SCOPES: ApiScope[] = ["read", "enroll", "sequences"];
