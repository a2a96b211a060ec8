import { unsubscribeByToken } from "@/lib/server/unsubscribe-links/unsubscribe-by-token";

export const dynamic = "force-dynamic";

const MAX_BODY = 1024;

/**
 * POST /u/<token> lands here (proxy.ts rewrites it, since /u/<token> is also the page): RFC 8058
 * one-click from a mail client (`List-Unsubscribe=One-Click`, answered with a plain 200) or the
 * page's button (`confirm=yes`, answered with a redirect to the confirmation). The signed token
 * is the only credential; a tampered one gets 400 and nothing is written.
 */
export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const text = (await request.text()).slice(0, MAX_BODY);
  const form = new URLSearchParams(text);
  const oneClick = form.get("List-Unsubscribe") === "One-Click";
  if (!oneClick && form.get("confirm") !== "yes") {
    return new Response("Send List-Unsubscribe=One-Click to unsubscribe.", { status: 400 });
  }
  const result = await unsubscribeByToken(token);
  if (!result.ok) {
    return oneClick
      ? new Response("This unsubscribe link is not valid.", { status: 400 })
      : seeOther(`/u/${encodeURIComponent(token)}`);
  }
  if (oneClick) return new Response("Unsubscribed.", { status: 200, headers: { "Content-Type": "text/plain" } });
  return seeOther(`/u/${encodeURIComponent(token)}?done=1`);
}

// A relative Location: behind a proxy the request's own host may be an internal one.
function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { Location: location } });
}
