import { NextResponse, type NextRequest } from "next/server";
import { ACTION_BODY_LIMIT_BYTES, TOO_LARGE_MESSAGE } from "@/lib/domain/input-limits";
import { databaseIsUp } from "@/lib/server/database-health";
import { RETRY_SECONDS, unavailableHtml } from "@/lib/server/unavailable-page";

/**
 * While PostgreSQL is unreachable every page answers 503 with the "Database unavailable —
 * retrying" page, instead of a 500 thrown from a layout. A server component cannot set its status
 * (once rendering starts the status is committed), so the check lives here, before rendering,
 * on a cached probe (lib/server/database-health.ts: one `SELECT 1` per second at most). When the
 * database returns, the next probe lets requests through again: no restart.
 */
export async function proxy(request: NextRequest) {
  // /u/<token> is the unsubscribe page (GET) and the RFC 8058 one-click target (POST) at once;
  // a segment cannot have both a page and a route handler, so POSTs go to its one-click route.
  if (request.method === "POST" && /^\/u\/[^/]+$/.test(request.nextUrl.pathname)) {
    return NextResponse.rewrite(new URL(`${request.nextUrl.pathname}/one-click`, request.url));
  }
  // A server action body over Next's serverActions.bodySizeLimit would surface as a 500 with the
  // framework's message; answer 413 with ours. text/plain is what the action client shows as is.
  if (request.method === "POST" && request.headers.has("next-action")) {
    const length = Number(request.headers.get("content-length") ?? "0");
    if (length > ACTION_BODY_LIMIT_BYTES) {
      return new NextResponse(TOO_LARGE_MESSAGE, {
        status: 413,
        headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" },
      });
    }
  }
  // Pages only: server actions (POST) report their own errors to the dialog that called them.
  if (request.method !== "GET" && request.method !== "HEAD") return NextResponse.next();
  if (await databaseIsUp()) return NextResponse.next();
  return new NextResponse(request.method === "HEAD" ? null : unavailableHtml(), {
    status: 503,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "Retry-After": String(RETRY_SECONDS),
      "Content-Security-Policy":
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
      "X-Frame-Options": "DENY",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
    },
  });
}

export const config = {
  // Every page, the sign-in page included; not route handlers (they answer for themselves: the
  // tracking routes under /t/ always answer their pixel or redirect) or static files.
  matcher: ["/((?!api/|t/|_next/static|_next/image|favicon\\.ico|.*\\.(?:png|svg|ico|txt|webmanifest)$).*)"],
};
