// Limits the UI shows and the server enforces. Next's server actions refuse bodies over
// `serverActions.bodySizeLimit` (default "1mb" = 1 MiB); the proxy answers those with 413 and
// TOO_LARGE_MESSAGE before the framework turns them into a 500, and the client wrapper refuses to
// send them at all.
export const ACTION_BODY_LIMIT_BYTES = 1024 * 1024;
export const ACTION_BODY_LIMIT_LABEL = "1 MB";
export const TOO_LARGE_MESSAGE = `This is too large to save (limit ${ACTION_BODY_LIMIT_LABEL}).`;

/** The counter appears from this share of the limit. */
export const COUNTER_FROM = 0.8;

export type LimitState = { count: number; max: number; showCounter: boolean; atLimit: boolean };

export function limitState(value: string, max: number): LimitState {
  const count = value.length;
  return { count, max, showCounter: count >= Math.floor(max * COUNTER_FROM), atLimit: count >= max };
}

/**
 * What to do with a change: accept it, or refuse it with a message naming the limit and how long
 * the refused text was. Never truncates: a paste that does not fit is not applied at all.
 */
export function checkLimit(next: string, max: number, label: string): { ok: true } | { ok: false; message: string } {
  if (next.length <= max) return { ok: true };
  return {
    ok: false,
    message: `${label} is limited to ${max.toLocaleString("en-US")} characters; that change would make it ${next.length.toLocaleString("en-US")}, so it was not applied.`,
  };
}

/** UTF-8 size of what a server action would send for `input` (JSON is a close lower bound). */
export function payloadBytes(input: unknown): number {
  return new TextEncoder().encode(JSON.stringify(input) ?? "").length;
}
