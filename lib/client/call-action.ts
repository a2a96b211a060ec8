// The client side of every server action call: the one place that turns a refused or lost
// request into a result the form can show. An action returns { ok, ... } itself; what it cannot
// return is a body the framework refused (over serverActions.bodySizeLimit: the proxy answers
// 413 with TOO_LARGE_MESSAGE) or a request that never reached it.
import { ACTION_BODY_LIMIT_BYTES, payloadBytes, TOO_LARGE_MESSAGE } from "@/lib/domain/input-limits";

export type ClientFailure = {
  ok: false;
  error: string;
  /** "too_large": refused for size (never retry); "offline": no answer (retry later). */
  code: "too_large" | "offline";
  fieldErrors?: Record<string, string[]>;
  details?: unknown;
};

export const OFFLINE_MESSAGE = "Could not reach the server. Your changes are kept here; we will retry.";

// Headroom for the framework's own envelope around the arguments (action id, multipart framing).
const ENVELOPE_BYTES = 4 * 1024;

export function isTooLargeError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return message === TOO_LARGE_MESSAGE || /too large|body exceeded|413/i.test(message);
}

export async function callAction<I, R extends { ok: boolean }>(
  action: (input: I) => Promise<R>,
  input: I,
): Promise<R | ClientFailure> {
  if (payloadBytes(input) + ENVELOPE_BYTES > ACTION_BODY_LIMIT_BYTES) {
    return { ok: false, code: "too_large", error: TOO_LARGE_MESSAGE };
  }
  try {
    return await action(input);
  } catch (error) {
    if (isTooLargeError(error)) return { ok: false, code: "too_large", error: TOO_LARGE_MESSAGE };
    return { ok: false, code: "offline", error: OFFLINE_MESSAGE };
  }
}
