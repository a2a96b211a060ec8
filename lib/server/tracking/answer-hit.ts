import "server-only";
import { recordHit } from "./record-hit";

// What a tracking request is answered, in one place for both servers that answer it: the app's
// route handlers (app/t/o, app/t/c) and the tracker process (lib/server/tracking/tracker-server.ts).
// Public, hostile input; the token is verified (HMAC) by recordHit and a bad one records nothing.

/** A plain answer either server turns into its own response type. */
export type TrackingAnswer = { status: number; headers: Record<string, string>; body: Uint8Array | string | null };

const GIF = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");

const HEADERS = {
  "Cache-Control": "no-store, max-age=0",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
};

/**
 * The open pixel: every request gets the same 1x1 GIF, whatever happened (valid, tampered,
 * unknown, expired, database down), so the answer leaks nothing.
 */
export async function answerOpen(token: string, userAgent: string | null): Promise<TrackingAnswer> {
  try {
    await recordHit("open", token, userAgent);
  } catch {
    // Nothing recorded; the pixel is still answered.
  }
  return {
    status: 200,
    headers: { ...HEADERS, "Content-Type": "image/gif", "Content-Length": String(GIF.length) },
    body: new Uint8Array(GIF),
  };
}

/**
 * A tracked link: the token names (message, link position) under an HMAC; the redirect goes ONLY
 * to the URL stored for that message's link at delivery (message_links), never to anything taken
 * from the request, so this is no open redirect. A tampered or unknown token gets a small 404 page;
 * a database failure a 503 page (nothing recorded).
 */
export async function answerClick(token: string, userAgent: string | null): Promise<TrackingAnswer> {
  let result;
  try {
    result = await recordHit("click", token, userAgent);
  } catch {
    return page(503, "Try again in a moment", "This link could not be opened just now. Please try again shortly.");
  }
  const location = result?.url ? safeLocation(result.url) : null;
  if (!location) return page(404, "Link not found", "This link is not valid. Check that it was copied completely.");
  return { status: 302, headers: { ...HEADERS, Location: location }, body: null };
}

function page(status: number, title: string, text: string): TrackingAnswer {
  return {
    status,
    headers: {
      ...HEADERS,
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    },
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body style="font-family:sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem"><h1>${title}</h1><p>${text}</p></body></html>`,
  };
}

/** The stored URL as a header value (punycode host, percent-encoded path); http(s) only. */
function safeLocation(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

/** A Fetch API response of an answer (the app's route handlers). */
export function toResponse(answer: TrackingAnswer): Response {
  const body = typeof answer.body === "string" || answer.body === null ? answer.body : new Uint8Array(answer.body);
  return new Response(body, { status: answer.status, headers: answer.headers });
}
