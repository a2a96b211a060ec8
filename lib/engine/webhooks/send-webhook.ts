import http from "node:http";
import https from "node:https";
import { isIpLiteral, refuseAddress, refuseWebhookUrl, type WebhookNetworkPolicy } from "@/lib/domain/webhook-address";
import type { WebhookAgents } from "./guarded-agent";

export type AttemptResult = {
  ok: boolean;
  responseCode: number | null;
  durationMs: number;
  error: string | null;
  /** The first bytes of the response body, for the delivery log. */
  responseExcerpt: string | null;
};

export const WEBHOOK_TIMEOUT_MS = 10_000;
const EXCERPT_BYTES = 200;

/** One POST. Never throws: every outcome is an attempt record. 2xx is success. */
export function sendWebhook(options: {
  url: string;
  headers: Record<string, string>;
  body: string;
  agents: WebhookAgents;
  policy: WebhookNetworkPolicy;
  timeoutMs?: number;
}): Promise<AttemptResult> {
  const started = performance.now();
  const done = (partial: Omit<AttemptResult, "durationMs">): AttemptResult => ({
    ...partial,
    durationMs: Math.round(performance.now() - started),
  });
  const refused = refuseWebhookUrl(options.url, options.policy);
  const url = new URL(options.url);
  const literal = isIpLiteral(url.hostname) ? refuseAddress(url.hostname, options.policy) : null;
  if (refused || literal)
    return Promise.resolve(done({ ok: false, responseCode: null, error: refused ?? literal, responseExcerpt: null }));

  return new Promise((resolve) => {
    const secure = url.protocol === "https:";
    const request = (secure ? https : http).request(
      url,
      {
        method: "POST",
        agent: secure ? options.agents.https : options.agents.http,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(options.body),
          "user-agent": "Sequencer-Webhooks/1",
          ...options.headers,
        },
        timeout: options.timeoutMs ?? WEBHOOK_TIMEOUT_MS,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        response.on("data", (chunk: Buffer) => {
          if (kept < EXCERPT_BYTES) {
            chunks.push(chunk);
            kept += chunk.length;
          }
        });
        response.on("error", () => {});
        response.on("end", () => {
          const code = response.statusCode ?? 0;
          const excerpt = Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString("utf8");
          const ok = code >= 200 && code < 300;
          resolve(
            done({ ok, responseCode: code, error: ok ? null : `HTTP ${code}`, responseExcerpt: excerpt || null }),
          );
        });
      },
    );
    request.on("timeout", () =>
      request.destroy(new Error(`no response within ${options.timeoutMs ?? WEBHOOK_TIMEOUT_MS} ms`)),
    );
    request.on("error", (error: NodeJS.ErrnoException) => {
      const message = error.code ? `${error.code}: ${error.message}` : error.message;
      resolve(done({ ok: false, responseCode: null, error: message.slice(0, 500), responseExcerpt: null }));
    });
    request.end(options.body);
  });
}
