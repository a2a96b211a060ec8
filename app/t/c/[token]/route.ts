import { recordHit } from "@/lib/server/tracking/record-hit";

// A tracked link. Public and hostile input: the token names (message, link position) under an
// HMAC; the redirect goes ONLY to the URL stored for that message's link at delivery
// (message_links), never to anything taken from the request, so this is no open redirect.
// A tampered or unknown token gets a small 404 page.
const HEADERS = {
  "Cache-Control": "no-store, max-age=0",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
};

function page(status: number, title: string, text: string) {
  return new Response(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body style="font-family:sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem"><h1>${title}</h1><p>${text}</p></body></html>`,
    {
      status,
      headers: {
        ...HEADERS,
        "Content-Type": "text/html; charset=utf-8",
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
      },
    },
  );
}

export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  let result;
  try {
    result = await recordHit("click", token, request.headers.get("user-agent"));
  } catch {
    return page(503, "Try again in a moment", "This link could not be opened just now. Please try again shortly.");
  }
  const location = result?.url ? safeLocation(result.url) : null;
  if (!location) return page(404, "Link not found", "This link is not valid. Check that it was copied completely.");
  return new Response(null, { status: 302, headers: { ...HEADERS, Location: location } });
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
